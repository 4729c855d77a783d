package io.linkport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaAnswerRequest;
import io.linkport.connector.MfaChallenge;
import io.linkport.connector.OperationResult;
import io.linkport.connector.RefreshRequest;
import io.linkport.providers.ConnectorRegistry;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SandboxLoginTest extends ServerTest {

    @Autowired
    ConnectorRegistry registry;

    private SandboxCalls calls;

    @BeforeEach
    void calls() {
        calls = new SandboxCalls(registry);
    }

    @Test
    void loginWhenUserGoodThenSuccessAtEveryCredentialInstitution() {
        SandboxInstitutions.ALL.stream().filter(i -> !i.oauth() && !i.slow()).forEach(institution -> {
            LoginResult result = calls.login(institution.id(), "user_good", "pass_good");
            assertThat(result).as(institution.id()).isInstanceOf(LoginResult.Success.class);
            assertThat(((LoginResult.Success) result).accountId()).startsWith("sbx_");
        });
    }

    @Test
    void loginWhenSameUserTwiceThenSameAccountIdAndOtherUserOtherId() {
        String first = ((LoginResult.Success) calls.login("adp", "user_good", "pass_good")).accountId();
        String again = ((LoginResult.Success) calls.login("adp", "user_good", "pass_good")).accountId();
        String other = ((LoginResult.Success) calls.login("adp", "user_good_alice", "pass_good")).accountId();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void loginWhenWrongPasswordOrUnknownUserThenInvalidCredentials() {
        assertFailure(calls.login("tmobile", "user_good", "wrong"), FailureCode.INVALID_CREDENTIALS);
        assertFailure(calls.login("tmobile", "someone_else", "pass_good"), FailureCode.INVALID_CREDENTIALS);
        assertFailure(calls.login("tmobile", "user_mfa_code", "pass_bad"), FailureCode.INVALID_CREDENTIALS);
        assertThat(FailureCode.INVALID_CREDENTIALS.userCanRetry()).isTrue();
    }

    @Test
    void loginWhenUserLockedThenAccountLocked() {
        assertFailure(calls.login("gusto", "user_locked", "pass_good"), FailureCode.ACCOUNT_LOCKED);
        assertFailure(calls.login("gusto", "user_locked", "anything"), FailureCode.ACCOUNT_LOCKED);
    }

    @Test
    void loginWhenUserDownThenInstitutionUnavailable() {
        assertFailure(calls.login("verizon", "user_down", "pass_good"), FailureCode.INSTITUTION_UNAVAILABLE);
    }

    @Test
    void loginWhenMfaCodeThenOneTimeCodeChallengeAnd1234Passes() {
        LoginResult.MfaRequired challenge = mfa(calls.login("att", "user_mfa_code", "pass_good"));
        assertThat(challenge.challenge().type()).isEqualTo(MfaChallenge.Type.ONE_TIME_CODE);

        assertFailure(answer("att", challenge, new MfaAnswer("0000", null, null)), FailureCode.INVALID_MFA);
        assertThat(answer("att", challenge, new MfaAnswer("1234", null, null))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void loginWhenMfaQuestionThenSecurityQuestionAndFluffyPasses() {
        LoginResult.MfaRequired challenge = mfa(calls.login("workday", "user_mfa_question", "pass_good"));
        assertThat(challenge.challenge().type()).isEqualTo(MfaChallenge.Type.SECURITY_QUESTION);
        assertThat(challenge.challenge().questions()).containsExactly("What was the name of your first pet?");

        assertFailure(answer("workday", challenge, new MfaAnswer(null, List.of("rex"), null)), FailureCode.INVALID_MFA);
        assertFailure(answer("workday", challenge, new MfaAnswer(null, List.of(), null)), FailureCode.INVALID_MFA);
        assertThat(answer("workday", challenge, new MfaAnswer(null, List.of(" Fluffy "), null)))
                .isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void loginWhenMfaDeviceThenChooseDeviceThenCode() {
        LoginResult.MfaRequired choose = mfa(calls.login("sandbox_bank", "user_mfa_device", "pass_good"));
        assertThat(choose.challenge().type()).isEqualTo(MfaChallenge.Type.DEVICE_SELECTION);
        assertThat(choose.challenge().devices()).extracting(MfaChallenge.Device::id).containsExactly("sms", "email");

        assertFailure(answer("sandbox_bank", choose, new MfaAnswer(null, null, "pigeon")), FailureCode.INVALID_MFA);
        LoginResult.MfaRequired code = mfa(answer("sandbox_bank", choose, new MfaAnswer(null, null, "email")));
        assertThat(code.challenge().type()).isEqualTo(MfaChallenge.Type.ONE_TIME_CODE);
        assertFailure(answer("sandbox_bank", code, new MfaAnswer("9999", null, null)), FailureCode.INVALID_MFA);
        assertThat(answer("sandbox_bank", code, new MfaAnswer("1234", null, null))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void loginWhenUserSlowAndShortDeadlineThenTimeout() {
        LoginResult result = calls.connector("paychex").login(new LoginRequest(
                Map.of("username", "user_slow", "password", "pass_good"),
                calls.context("paychex", "user_slow", Duration.ofMillis(500))));

        assertFailure(result, FailureCode.TIMEOUT);
    }

    @Test
    void loginWhenUserSlowAndDeadlineLongEnoughThenSuccess() {
        assertThat(calls.login("paychex", "user_slow", "pass_good")).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void executeWhenUserSlowAndShortDeadlineThenTimeout() {
        var session = new io.linkport.connector.ConnectorState(Map.of("username", "user_slow", "operations", "0"));

        OperationResult result = calls.connector("gusto").execute(new io.linkport.connector.OperationRequest(
                "paystubs", "read", Map.of(), session, calls.context("gusto", "user_slow", Duration.ofMillis(500))));

        assertThat(result).isInstanceOfSatisfying(OperationResult.Failure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.TIMEOUT));
    }

    @Test
    void loginWhenSlowInstitutionAndShortDeadlineThenTimeout() {
        LoginResult result = calls.connector("sandbox_slow_bank").login(new LoginRequest(
                Map.of("username", "user_good", "password", "pass_good"),
                calls.context("sandbox_slow_bank", "user_good", Duration.ofSeconds(1))));

        assertFailure(result, FailureCode.TIMEOUT);
    }

    @Test
    void executeWhenUserFailSecondThenFirstOperationSucceedsAndSecondFails() {
        var session = calls.session("tmobile", "user_fail_second");
        OperationResult first = calls.run("tmobile", "user_fail_second", session, "paymentMethod", "read", Map.of());
        assertThat(first).isInstanceOf(OperationResult.Success.class);

        OperationResult second = calls.run("tmobile", "user_fail_second",
                ((OperationResult.Success) first).session(), "mobileBillingStatement", "read", Map.of());

        assertThat(second).isInstanceOfSatisfying(OperationResult.Failure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.INSTITUTION_ERROR));
    }

    @Test
    void loginWhenPasswordChangedThenFirstLoginWorksThenReauthenticationRequiredUntilNewPassword() {
        LoginResult first = calls.login("adp", "user_password_changed", "pass_good");
        assertThat(first).isInstanceOf(LoginResult.Success.class);

        assertFailure(calls.login("adp", "user_password_changed", "pass_good"), FailureCode.REAUTHENTICATION_REQUIRED);
        assertFailure(calls.connector("adp").refresh(new RefreshRequest(((LoginResult.Success) first).session(),
                calls.context("adp", "user_password_changed"))), FailureCode.REAUTHENTICATION_REQUIRED);
        LoginResult renewed = calls.login("adp", "user_password_changed", "pass_new");
        assertThat(renewed).isInstanceOf(LoginResult.Success.class);
        assertThat(calls.connector("adp").refresh(new RefreshRequest(((LoginResult.Success) renewed).session(),
                calls.context("adp", "user_password_changed")))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void refreshWhenUserGoodThenNewSession() {
        var session = calls.session("amazon", "user_good");

        assertThat(calls.connector("amazon").refresh(new RefreshRequest(session, calls.context("amazon", "user_good"))))
                .isInstanceOf(LoginResult.Success.class);
    }

    private LoginResult answer(String integrationId, LoginResult.MfaRequired challenge, MfaAnswer answer) {
        return calls.connector(integrationId).answerMfa(new MfaAnswerRequest(answer, challenge.pending(),
                calls.context(integrationId, "mfa")));
    }

    private static LoginResult.MfaRequired mfa(LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.MfaRequired.class);
        return (LoginResult.MfaRequired) result;
    }

    private static void assertFailure(LoginResult result, FailureCode code) {
        assertThat(result).isInstanceOfSatisfying(LoginResult.Failure.class, f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.message()).isNotBlank();
        });
    }
}

package io.linkport.sandbox;

import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaChallenge;
import io.linkport.connector.MfaChallenge.Device;
import io.linkport.connector.RefreshRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/** The sandbox login rules: which {@link SandboxUser} gets in, which is challenged, which is refused. */
@Component
class SandboxLogin {

    static final String CODE = "1234";
    static final String QUESTION = "What was the name of your first pet?";
    static final String QUESTION_ANSWER = "fluffy";
    static final List<Device> DEVICES = List.of(new Device("sms", "Text message to (•••) •••-0123"),
            new Device("email", "Email to u•••@example.com"));

    private final SandboxState state;

    SandboxLogin(SandboxState state) {
        this.state = state;
    }

    LoginResult login(SandboxInstitution institution, LoginRequest request) {
        String username = request.credentials().getOrDefault("username", "").trim();
        String password = request.credentials().getOrDefault("password", "");
        SandboxUser user = SandboxUser.of(username).orElse(null);
        if (user == null) {
            return invalidCredentials();
        }
        return switch (user) {
            case LOCKED -> new LoginResult.Failure(FailureCode.ACCOUNT_LOCKED,
                    "This account is locked. Contact " + institution.name() + " to unlock it.");
            case DOWN -> new LoginResult.Failure(FailureCode.INSTITUTION_UNAVAILABLE,
                    institution.name() + " is not responding right now. Try again later.");
            case PASSWORD_CHANGED -> passwordChangedLogin(institution, username, password, request);
            default -> SandboxUser.PASSWORD.equals(password) ? afterPassword(institution, user, username)
                    : invalidCredentials();
        };
    }

    LoginResult answer(SandboxInstitution institution, MfaAnswer answer, ConnectorState pending) {
        String username = pending.get(SandboxSessions.USERNAME);
        String step = pending.get(SandboxSessions.MFA_STEP);
        if (username == null || step == null || answer == null) {
            return invalidMfa();
        }
        return switch (step) {
            case "code" -> CODE.equals(trim(answer.code())) ? SandboxSessions.success(institution, username, false)
                    : invalidMfa();
            case "question" -> answer.answers().size() == 1
                    && QUESTION_ANSWER.equalsIgnoreCase(trim(answer.answers().get(0)))
                    ? SandboxSessions.success(institution, username, false) : invalidMfa();
            case "device" -> DEVICES.stream().filter(d -> d.id().equals(answer.deviceId())).findFirst()
                    .<LoginResult>map(d -> new LoginResult.MfaRequired(
                            MfaChallenge.code("Enter the code we sent: " + d.label() + " (sandbox: " + CODE + ")"),
                            SandboxSessions.mfaPending(username, "code")))
                    .orElseGet(SandboxLogin::invalidMfa);
            default -> invalidMfa();
        };
    }

    /** Renews a saved session; {@code user_password_changed} must log in again unless it used the new password. */
    LoginResult refresh(SandboxInstitution institution, RefreshRequest request) {
        String username = request.saved().get(SandboxSessions.USERNAME);
        if (username == null || SandboxUser.of(username).isEmpty()) {
            return new LoginResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED, "The saved session is not valid");
        }
        boolean newPassword = "true".equals(request.saved().get(SandboxSessions.NEW_PASSWORD));
        if (SandboxUser.of(username).get() == SandboxUser.PASSWORD_CHANGED && !newPassword) {
            return passwordChanged(institution);
        }
        return SandboxSessions.success(institution, username, newPassword);
    }

    private LoginResult afterPassword(SandboxInstitution institution, SandboxUser user, String username) {
        return switch (user) {
            case MFA_CODE -> new LoginResult.MfaRequired(
                    MfaChallenge.code("Enter the code we sent to (•••) •••-0123 (sandbox: " + CODE + ")"),
                    SandboxSessions.mfaPending(username, "code"));
            case MFA_QUESTION -> new LoginResult.MfaRequired(new MfaChallenge(MfaChallenge.Type.SECURITY_QUESTION,
                    "Answer your security question", List.of(QUESTION), List.of()),
                    SandboxSessions.mfaPending(username, "question"));
            case MFA_DEVICE -> new LoginResult.MfaRequired(new MfaChallenge(MfaChallenge.Type.DEVICE_SELECTION,
                    "Where should we send your verification code?", List.of(), DEVICES),
                    SandboxSessions.mfaPending(username, "device"));
            default -> SandboxSessions.success(institution, username, false);
        };
    }

    private LoginResult passwordChangedLogin(SandboxInstitution institution, String username, String password,
                                             LoginRequest request) {
        String stateKey = SandboxAccount.stateKey(institution.id(),
                request.context() == null ? null : request.context().loginKey(), username);
        if (SandboxUser.NEW_PASSWORD.equals(password)) {
            state.markPasswordChanged(institution.id(), stateKey);
            return SandboxSessions.success(institution, username, true);
        }
        if (!SandboxUser.PASSWORD.equals(password)) {
            return invalidCredentials();
        }
        return state.markPasswordChanged(institution.id(), stateKey)
                ? SandboxSessions.success(institution, username, false) : passwordChanged(institution);
    }

    private static LoginResult passwordChanged(SandboxInstitution institution) {
        return new LoginResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED,
                "Your " + institution.name() + " password was changed. Log in again with the new one.");
    }

    private static LoginResult invalidCredentials() {
        return new LoginResult.Failure(FailureCode.INVALID_CREDENTIALS, "The username or password is incorrect");
    }

    private static LoginResult invalidMfa() {
        return new LoginResult.Failure(FailureCode.INVALID_MFA, "That answer is not correct. Try again.");
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}

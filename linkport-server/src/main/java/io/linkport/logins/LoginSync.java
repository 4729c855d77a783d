package io.linkport.logins;

import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaChallenge;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One live round trip to the institution for a saved login — reconnect (or answer MFA), then
 * read — with no database writes, so callers keep connector calls outside their transactions.
 */
@Component
class LoginSync {

    private final InstitutionCalls calls;

    LoginSync(InstitutionCalls calls) {
        this.calls = calls;
    }

    sealed interface Result {
    }

    /** Fresh data; {@code secret} carries the session the connector may have rotated. */
    record Synced(Map<String, Object> data, LoginSecret secret) implements Result {
    }

    record NeedsMfa(MfaChallenge challenge, ConnectorState pending) implements Result {
    }

    record Failed(FailureCode code, String message) implements Result {
    }

    Result sync(Login login, LoginSecret secret) {
        return afterLogin(login, secret, calls.reconnect(login, secret));
    }

    Result answer(Login login, LoginSecret secret, MfaAnswer answer, ConnectorState pending) {
        return afterLogin(login, secret, calls.answerMfa(login, secret, answer, pending));
    }

    private Result afterLogin(Login login, LoginSecret secret, LoginResult result) {
        if (result instanceof LoginResult.Failure failure) {
            return new Failed(failure.code(), failure.message());
        }
        if (result instanceof LoginResult.MfaRequired mfa) {
            return new NeedsMfa(mfa.challenge(), mfa.pending());
        }
        ConnectorState session = ((LoginResult.Success) result).session();
        InstitutionCalls.Reading reading = calls.readAll(login, secret, session);
        if (!reading.ok()) {
            return new Failed(reading.failure(), reading.message());
        }
        Map<String, String> kept = reading.session() == null ? Map.of() : reading.session().values();
        // Credential logins keep the credentials (the session is short-lived); OAuth logins keep the rotated tokens.
        LoginSecret next = switch (login.authMethod()) {
            case CREDENTIALS -> secret;
            case OAUTH -> new LoginSecret(secret.credentials(), kept);
        };
        return new Synced(reading.data(), next);
    }

    /** Failures after which the saved credentials will not work again until the user logs in. */
    static boolean needsReauthentication(FailureCode code) {
        return code == FailureCode.REAUTHENTICATION_REQUIRED || code == FailureCode.INVALID_CREDENTIALS
                || code == FailureCode.ACCESS_DENIED || code == FailureCode.ACCOUNT_LOCKED;
    }
}

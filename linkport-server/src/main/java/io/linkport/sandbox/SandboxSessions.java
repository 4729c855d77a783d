package io.linkport.sandbox;

import io.linkport.common.Ids;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.LoginResult;
import java.util.HashMap;
import java.util.Map;

/**
 * The state a sandbox login hands Linkport to keep: who logged in, how many operations the
 * session has run (so {@code user_fail_second} can fail its second), and for
 * {@code user_password_changed} whether the new password was used.
 */
final class SandboxSessions {

    static final String USERNAME = "username";
    static final String OPERATIONS = "operations";
    static final String NEW_PASSWORD = "newPassword";
    static final String MFA_STEP = "mfaStep";

    private SandboxSessions() {
    }

    static LoginResult.Success success(SandboxInstitution institution, String username, boolean newPassword) {
        Map<String, String> values = new HashMap<>();
        values.put(USERNAME, username);
        values.put("sessionId", Ids.prefixed("sbxs_"));
        values.put(OPERATIONS, "0");
        if (newPassword) {
            values.put(NEW_PASSWORD, "true");
        }
        return new LoginResult.Success(new ConnectorState(values), SandboxAccount.accountId(institution, username));
    }

    static ConnectorState mfaPending(String username, String step) {
        return new ConnectorState(Map.of(USERNAME, username, MFA_STEP, step));
    }

    static int operations(ConnectorState session) {
        String count = session.get(OPERATIONS);
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** The same session with one more operation counted. */
    static ConnectorState countOperation(ConnectorState session) {
        Map<String, String> values = new HashMap<>(session.values());
        values.put(OPERATIONS, Integer.toString(operations(session) + 1));
        return new ConnectorState(values);
    }
}

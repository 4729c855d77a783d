package io.linkport.sessions;

import io.linkport.common.Mode;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Published (synchronously, on the run's thread, just before the MFA challenge is committed) when a
 * login with credentials must answer MFA first: the seam that lets a saved login keep what the
 * user typed until the login succeeds. {@code credentials} is handed out only to a listener that asks.
 */
public record LoginChallenged(String linkId, String tenantId, Mode mode, String integrationId, String endUserId,
                              String linkTokenId, boolean forLogin, Supplier<Map<String, String>> credentials) {

    @Override
    public String toString() {
        return "LoginChallenged[linkId=" + linkId + ", integrationId=" + integrationId + "]";
    }
}

package io.linkport.sessions;

import io.linkport.common.Mode;
import io.linkport.connector.ConnectorState;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Published (synchronously, on the run's thread, after LOGIN_SUCCEEDED is committed) when a
 * session logs in: the seam for saving logins. {@code credentials} hands out what the user typed
 * (empty for OAuth) only to a listener that asks; nothing in this package keeps them after the
 * login call returns. {@code session} is the connector's session state (OAuth tokens, cookies).
 * {@code forLogin}: the link was made for a saved login ({@link io.linkport.links.Link#forLogin()}).
 */
public record LoginSucceeded(String linkId, String tenantId, Mode mode, String integrationId, String userId,
                             String endUserId, String linkTokenId, boolean forLogin, String accountId,
                             Supplier<Map<String, String>> credentials, ConnectorState session) {

    @Override
    public String toString() {
        return "LoginSucceeded[linkId=" + linkId + ", integrationId=" + integrationId + "]";
    }
}

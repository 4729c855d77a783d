package io.linkport.providers;

import io.linkport.common.Secrets;

/**
 * The stable key a connector gets for "this account at this institution" (its
 * {@code ConnectorContext.loginKey}): the same for a widget session and for every later refresh of
 * the saved login it made, so an institution (and the sandbox) sees one account, not two. It
 * carries a hash of the username, never the username itself.
 */
public final class LoginKeys {

    private LoginKeys() {
    }

    public static String of(String tenantId, String integrationId, String username) {
        return tenantId + "/" + integrationId + "/" + Secrets.sha256Hex(username == null ? "" : username);
    }
}

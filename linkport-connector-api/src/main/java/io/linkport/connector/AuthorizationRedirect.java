package io.linkport.connector;

/**
 * Where to send the user, and what to keep until they come back.
 *
 * @param url     the institution's authorization URL with all parameters
 * @param pending state handed back in {@link AuthorizationCallback#pending()}
 */
public record AuthorizationRedirect(String url, ConnectorState pending) {
}

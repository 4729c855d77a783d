package io.linkport.connector;

/**
 * The start of an OAuth authorization.
 *
 * @param redirectUri   Linkport's callback the institution must send the user back to
 * @param state         Linkport's one-time state, to return unchanged
 * @param codeChallenge the PKCE S256 challenge
 */
public record AuthorizationStart(String redirectUri, String state, String codeChallenge, ConnectorContext context) {
}

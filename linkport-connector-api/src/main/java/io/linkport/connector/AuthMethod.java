package io.linkport.connector;

/** How the user proves who they are to the institution. */
public enum AuthMethod {
    /** The user types credentials into Linkport's form; the connector logs in with them. */
    CREDENTIALS,
    /** The user is sent to the institution's own authorization server (OAuth 2.0 + PKCE). */
    OAUTH
}

package io.linkport.tokens;

/** The browser-facing tokens Linkport issues; each is a JWT with its own {@code typ}. */
public enum TokenKind {
    /** Seed 000: {@code POST /v1/link_tokens}, opens the widget for one link. */
    LINK("lp-link+jwt"),
    /** Seed 001: {@code POST /v1/users} and {@code POST /v1/tokens}, opens the widget for one user. */
    USER("lp-user+jwt"),
    /** Seed 003: {@code POST /v1/GenerateAuthorizeToken}, opens the Connect iframe. */
    AUTHORIZE("lp-authorize+jwt");

    private final String jwtType;

    TokenKind(String jwtType) {
        this.jwtType = jwtType;
    }

    public String jwtType() {
        return jwtType;
    }
}

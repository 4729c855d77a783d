package io.linkport.logins;

/**
 * A hosted-login request that cannot be tied to a trustworthy redirect URI (unknown client,
 * redirect URI not allowed, unknown institution, missing state, unknown flow). It is answered
 * with an HTML error page and never with a redirect.
 */
class FlowPageException extends RuntimeException {

    private final int status;
    private final String title;

    FlowPageException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }
}

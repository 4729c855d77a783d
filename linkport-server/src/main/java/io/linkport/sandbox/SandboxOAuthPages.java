package io.linkport.sandbox;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/** The sandbox bank's two pages: consent and error. Plain HTML, no scripts, no outside assets. */
final class SandboxOAuthPages {

    private static final String HEAD = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>%s</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            input{font:inherit;padding:.4rem;width:100%%;box-sizing:border-box}button{font:inherit;padding:.5rem 1rem;margin:.5rem .5rem 0 0}
            .note{color:#555;font-size:.9rem}</style></head><body><main>
            """;

    private SandboxOAuthPages() {
    }

    static String consent(SandboxAuthorizeRequest request) {
        String name = htmlEscape(request.institutionName());
        StringBuilder page = new StringBuilder(HEAD.formatted(name + " – authorize"));
        page.append("<h1>").append(name).append("</h1>")
                .append("<p>An app wants to read your accounts, transactions, identity and balances.</p>")
                .append("<form method=\"post\" action=\"/sandbox/oauth/authorize\">");
        hidden(page, "response_type", request.responseType());
        hidden(page, "client_id", request.clientId());
        hidden(page, "redirect_uri", request.redirectUri());
        hidden(page, "state", request.state());
        hidden(page, "code_challenge", request.codeChallenge());
        hidden(page, "code_challenge_method", request.codeChallengeMethod());
        hidden(page, "scope", request.scope());
        page.append("<label for=\"username\">Sandbox user</label>")
                .append("<input id=\"username\" name=\"username\" value=\"user_good\" autocomplete=\"off\">")
                .append("<p class=\"note\">Any user_good… name is a distinct person; user_fail_second and user_slow ")
                .append("behave as documented; user_down makes the bank unavailable.</p>")
                .append("<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>")
                .append("</form></main></body></html>");
        return page.toString();
    }

    static String error(String message) {
        return HEAD.formatted("Authorization error") + "<h1>Authorization error</h1><p role=\"alert\">"
                + htmlEscape(message) + "</p></main></body></html>";
    }

    private static void hidden(StringBuilder page, String name, String value) {
        if (value != null) {
            page.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(htmlEscape(value)).append("\">");
        }
    }
}

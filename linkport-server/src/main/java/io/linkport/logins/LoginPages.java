package io.linkport.logins;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The small server-rendered pages around saved logins: errors that must not redirect (an
 * unmatched redirect URI, a used authorize token) and the end of a flow with nowhere to go back to. Everything user- or tenant-supplied is
 * HTML-escaped; pages carry no script, so the CSP forbids all scripts.
 */
final class LoginPages {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'";

    private LoginPages() {
    }

    static ResponseEntity<String> error(int status, String title, String message) {
        return page(status, title, "<p class=err>" + esc(message) + "</p>");
    }

    static ResponseEntity<String> done(AuthorizeFlow flow) {
        if (flow.status() == AuthorizeFlow.Status.COMPLETED) {
            return page(200, "Connected", "<p>Your account is connected. You can close this window.</p>"
                    + "<p class=small>Login <code id=loginId>" + esc(flow.loginId()) + "</code></p>");
        }
        return error(200, "Not connected", RedirectResults.description(flow.error() == null ? "" : flow.error()));
    }

    static ResponseEntity<String> page(int status, String title, String body) {
        String html = "<!doctype html><html lang=en><head><meta charset=utf-8>"
                + "<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}"
                + "label{display:block;margin:.6rem 0}input{display:block;width:100%;padding:.4rem}"
                + "button{margin-top:.8rem;padding:.5rem 1rem}.err{color:#a40000}.small{font-size:.8rem;color:#555}"
                + "ul{list-style:none;padding:0}</style></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .body(html);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

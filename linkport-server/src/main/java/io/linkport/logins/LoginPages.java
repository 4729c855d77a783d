package io.linkport.logins;

import io.linkport.connector.CredentialField;
import io.linkport.connector.MfaChallenge;
import io.linkport.providers.Provider;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The server-rendered pages of the hosted login. Everything user- or tenant-supplied is
 * HTML-escaped; pages carry no script, so the CSP forbids all scripts.
 */
final class LoginPages {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'";

    private LoginPages() {
    }

    static ResponseEntity<String> error(int status, String title, String message) {
        return page(status, title, "<p class=err>" + esc(message) + "</p>");
    }

    static ResponseEntity<String> chooser(AuthorizeFlow flow, List<Provider> providers) {
        StringBuilder body = new StringBuilder("<p>Choose your institution.</p><ul>");
        for (Provider provider : providers) {
            body.append("<li><form method=post action=\"/v1/login/").append(esc(flow.id())).append("/institution\">")
                    .append("<input type=hidden name=institution value=\"").append(esc(provider.id())).append("\">")
                    .append("<button type=submit>").append(esc(provider.descriptor().name())).append("</button></form></li>");
        }
        return page(200, "Connect an account", body.append("</ul>").append(cancel(flow)).toString());
    }

    static ResponseEntity<String> credentials(AuthorizeFlow flow, Provider provider) {
        StringBuilder body = new StringBuilder();
        body.append(errorLine(flow));
        body.append("<form method=post action=\"/v1/login/").append(esc(flow.id())).append("/credentials\">");
        for (CredentialField field : provider.descriptor().credentialFields()) {
            body.append("<label>").append(esc(field.label())).append(" <input name=\"").append(esc(field.name()))
                    .append("\" type=\"").append(field.secret() ? "password" : "text")
                    .append("\" autocomplete=off required></label>");
        }
        body.append("<button type=submit>Log in</button></form>").append(cancel(flow));
        return page(200, "Log in to " + provider.descriptor().name(), body.toString());
    }

    static ResponseEntity<String> mfa(AuthorizeFlow flow, Provider provider, MfaChallenge challenge) {
        StringBuilder body = new StringBuilder(errorLine(flow));
        body.append("<p>").append(esc(challenge.prompt())).append("</p>");
        body.append("<form method=post action=\"/v1/login/").append(esc(flow.id())).append("/mfa\">");
        switch (challenge.type()) {
            case ONE_TIME_CODE -> body.append("<label>Code <input name=code autocomplete=one-time-code required></label>");
            case SECURITY_QUESTION -> challenge.questions().forEach(q ->
                    body.append("<label>").append(esc(q)).append(" <input name=answer required></label>"));
            case DEVICE_SELECTION -> challenge.devices().forEach(d ->
                    body.append("<label><input type=radio name=deviceId required value=\"").append(esc(d.id())).append("\"> ")
                            .append(esc(d.label())).append("</label>"));
        }
        body.append("<button type=submit>Continue</button></form>").append(cancel(flow));
        return page(200, "Verify it is you at " + provider.descriptor().name(), body.toString());
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

    private static String errorLine(AuthorizeFlow flow) {
        if (flow.error() == null) {
            return "";
        }
        String text = flow.error().equals("INVALID_MFA") ? "That answer was not accepted. Try again."
                : "The institution did not accept these credentials. Try again.";
        return "<p class=err>" + text + " (" + flow.attemptsLeft() + " attempts left)</p>";
    }

    private static String cancel(AuthorizeFlow flow) {
        return "<form method=post action=\"/v1/login/" + esc(flow.id()) + "/cancel\"><button type=submit>Cancel</button></form>";
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

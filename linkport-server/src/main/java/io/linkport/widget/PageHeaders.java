package io.linkport.widget;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The headers of every HTML page this package serves. Scripts and styles come only from this
 * server (no inline script, no third party); {@code frame-ancestors} decides who may embed the page;
 * pages that hold a session are never cached and never send a Referer.
 */
final class PageHeaders {

    private PageHeaders() {
    }

    static String csp(String frameAncestors, boolean frames) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + (frames ? "frame-src 'self'; " : "")
                + "form-action 'self'; base-uri 'none'; frame-ancestors " + frameAncestors;
    }

    static ResponseEntity<String> html(String body, String csp) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Security-Policy", csp);
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        headers.setCacheControl(CacheControl.noStore());
        headers.setPragma("no-cache");
        headers.setContentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8));
        return new ResponseEntity<>(body, headers, org.springframework.http.HttpStatus.OK);
    }
}

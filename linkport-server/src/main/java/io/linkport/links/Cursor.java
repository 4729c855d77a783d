package io.linkport.links;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An opaque page cursor: the (createdAt, id) of the last link of the previous page. */
record Cursor(long createdAtMillis, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAtMillis + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null when {@code value} is not a cursor this server issued. */
    static Cursor decode(String value) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || !text.startsWith("link_", colon + 1)) {
                return null;
            }
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

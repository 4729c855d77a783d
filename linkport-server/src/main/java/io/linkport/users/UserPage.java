package io.linkport.users;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of {@code GET /v1/users}. The cursor is opaque to callers; inside it is the position
 * of the last user shown, so pages stay stable while users are added or deleted.
 */
public record UserPage(List<EndUser> users, String nextCursor) {

    private static final String PREFIX = "users:";

    static String cursorAfter(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; 0 (the start) for none, -1 for a cursor this endpoint did not issue. */
    static long positionOf(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            long seq = text.startsWith(PREFIX) ? Long.parseLong(text.substring(PREFIX.length())) : -1;
            if (seq > 0) {
                return seq;
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: a foreign cursor like any other
        }
        return -1;
    }
}

package io.linkport.sessions;

import io.linkport.links.Link;
import java.time.Instant;

/**
 * The holder of a session credential ({@code Authorization: Bearer ses_…}): it may act on
 * {@code linkId} and nothing else. A controller method declaring it is authenticated by
 * {@link SessionCallerResolver}, which reads the link with the credential: {@code link} is the link
 * as it was when this request was authenticated, or, when {@code snapshot} is set (a parameter
 * marked {@link LastWrittenLink}), as this node last wrote it ({@link SessionSnapshots}).
 */
public record SessionCaller(String token, String tokenHash, String linkId, Instant expiresAt, Link link, boolean snapshot) {

    @Override
    public String toString() {
        return "SessionCaller[linkId=" + linkId + "]";
    }
}

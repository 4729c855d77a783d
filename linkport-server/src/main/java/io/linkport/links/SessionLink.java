package io.linkport.links;

import java.time.Instant;

/** A session credential's link, as it was when the credential was looked up, and when the credential expires. */
public record SessionLink(Link link, Instant sessionExpiresAt) {
}

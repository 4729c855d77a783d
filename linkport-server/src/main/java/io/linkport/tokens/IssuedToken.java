package io.linkport.tokens;

import io.linkport.common.Mode;
import java.time.Instant;
import java.util.Map;

/**
 * A token as the database knows it. {@code subject} is the end user it was issued for;
 * {@code details} holds what the issuing endpoint was asked (seed 000's {@code org_name},
 * {@code required_jobs}, …) so the widget can act on it without trusting the browser.
 */
public record IssuedToken(String id, TokenKind kind, String tenantId, Mode mode, String subject, String linkId,
                          Map<String, Object> details, Instant createdAt, Instant expiresAt, Instant consumedAt,
                          Instant revokedAt) {
}

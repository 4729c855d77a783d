package io.linkport.connector;

import java.time.Instant;

/**
 * Facts about the call.
 *
 * @param sandbox  true when the link was created with a sandbox key
 * @param deadline when Linkport stops waiting for this call
 * @param loginKey a stable key for the login this call belongs to, (tenant, integration,
 *                 username); the same on every call of that login (login, MFA, operations,
 *                 refresh). A connector may use it to keep per-account state; null when unknown
 */
public record ConnectorContext(boolean sandbox, Instant deadline, String loginKey) {

    /** Time left before the deadline, never negative. */
    public java.time.Duration remaining() {
        java.time.Duration left = java.time.Duration.between(Instant.now(), deadline);
        return left.isNegative() ? java.time.Duration.ZERO : left;
    }
}

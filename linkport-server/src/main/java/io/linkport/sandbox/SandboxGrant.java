package io.linkport.sandbox;

import java.time.Instant;

/**
 * A code or token the sandbox authorization server issued.
 *
 * @param kind {@code code}, {@code access} or {@code refresh}
 */
record SandboxGrant(String kind, String clientId, String username, String redirectUri, String codeChallenge,
                    Instant expiresAt, boolean used) {
}

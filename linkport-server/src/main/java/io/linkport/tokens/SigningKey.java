package io.linkport.tokens;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;

/** A token signing key pair; {@code retireAfter} is when a newer key takes over signing. */
record SigningKey(String kid, ECKey jwk, Instant createdAt, Instant retireAfter) {
}

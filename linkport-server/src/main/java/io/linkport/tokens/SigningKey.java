package io.linkport.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.time.Instant;

/**
 * A token signing key pair; {@code retireAfter} is when a newer key takes over signing. New keys
 * are Ed25519 ({@link OctetKeyPair}); ES256 keys created before the switch ({@code ECKey}) still
 * verify the tokens they signed until they leave the JWKS.
 */
record SigningKey(String kid, JWK jwk, Instant createdAt, Instant retireAfter) {

    JWSAlgorithm algorithm() {
        return jwk instanceof OctetKeyPair ? JWSAlgorithm.EdDSA : JWSAlgorithm.ES256;
    }
}

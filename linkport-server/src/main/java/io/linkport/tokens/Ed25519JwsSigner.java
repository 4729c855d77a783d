package io.linkport.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;

/**
 * EdDSA (Ed25519, RFC 8037) JWS signatures for Nimbus. Nimbus's own Ed25519Signer goes through
 * Tink, and the JDK's Ed25519 is slower than its ES256; this one signs with whichever
 * {@link Ed25519Signing} it is given (native or BouncyCastle).
 */
final class Ed25519JwsSigner implements JWSSigner {

    private final Ed25519Signing signing;
    private final JCAContext jcaContext = new JCAContext();

    Ed25519JwsSigner(Ed25519Signing signing) {
        this.signing = signing;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) {
        return Base64URL.encode(signing.sign(signingInput));
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}

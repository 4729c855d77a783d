package io.linkport.logins;

import io.linkport.common.MasterKeyCipher;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals and opens the secrets of saved logins (credentials, OAuth tokens, MFA transactions) with
 * the master key. The associated data is the id of the row the secret belongs to, so a
 * ciphertext copied into another row does not open.
 */
@Component
class CredentialVault {

    private static final TypeReference<Map<String, Map<String, String>>> SHAPE = new TypeReference<>() {
    };

    private final MasterKeyCipher cipher;
    private final JsonMapper json;

    CredentialVault(MasterKeyCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    Sealed seal(Map<String, Map<String, String>> sections, String rowId) {
        String ciphertext = cipher.encrypt(json.writeValueAsString(sections), rowId);
        return new Sealed(ciphertext, MasterKeyCipher.keyIdOf(ciphertext));
    }

    Map<String, Map<String, String>> open(String ciphertext, String rowId) {
        return new LinkedHashMap<>(json.readValue(cipher.decrypt(ciphertext, rowId), SHAPE));
    }

    /** A ciphertext and the id of the master key that made it (stored side by side). */
    record Sealed(String ciphertext, String keyId) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }
}

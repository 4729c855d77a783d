package io.linkport.tokens;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyRotationTest extends ServerTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    TokenService tokens;

    @Test
    void rotateWhenActiveKeyRetiresThenNewKeySignsAndOldTokensStillVerify() {
        String before = newLinkToken();
        String oldKid = keys.activeKid();

        jdbc.sql("UPDATE signing_keys SET retire_after = ? WHERE kid = ?")
                .params(java.time.OffsetDateTime.now().minusSeconds(1), oldKid).update();
        keys.reload();

        assertThat(keys.activeKid()).isNotEqualTo(oldKid);
        String jwks = api.get("/.well-known/jwks.json").text();
        assertThat(jwks).contains(oldKid, keys.activeKid());
        assertThat(tokens.inspect(before, TokenKind.LINK).id()).isNotBlank();
        String after = newLinkToken();
        assertThat(tokens.inspect(after, TokenKind.LINK).id()).isNotBlank();
    }

    @Test
    void privateKeysWhenStoredThenEncryptedNotPlainJwk() {
        List<String> stored = jdbc.sql("SELECT private_jwk_encrypted FROM signing_keys").query(String.class).list();
        assertThat(stored).isNotEmpty().allMatch(value -> value.startsWith("v1:") && !value.contains("\"d\""));
    }

    private String newLinkToken() {
        return api.post("/v1/link_tokens",
                        Map.of("org_name", "Acme", "required_jobs", List.of("income"), "end_user_id", "u-1"),
                        Api.secret(BOOTSTRAP_SECRET))
                .json().get("data").get("token").asString();
    }
}

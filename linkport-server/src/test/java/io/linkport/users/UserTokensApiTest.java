package io.linkport.users;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.tokens.IssuedToken;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenService;
import io.linkport.web.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.linkport.users.UserFixtures.EXPIRES_AT;
import static io.linkport.users.UserFixtures.accessToken;
import static io.linkport.users.UserFixtures.count;
import static io.linkport.users.UserFixtures.createUser;
import static io.linkport.users.UserFixtures.issuePaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTokensApiTest extends ServerTest {

    @Autowired
    TokenService tokenService;

    @Test
    void refreshTokenByQueryParameterThenNewTokenAndOldOneRevoked() {
        TestTenant tenant = newTenant("tokens-query");
        JsonNode created = createUser(api, tenant, Map.of("externalUserId", "crm-1"));
        String userId = created.get("userId").asString();

        Api.Response response = api.send("POST", "/v1/tokens?userId=" + userId, null, null, tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode token = response.json();
        assertThat(token.propertyNames()).containsExactly("expiresAt", "mode", "accessToken");
        assertThat(token.get("expiresAt").asString()).matches(EXPIRES_AT);
        assertThat(token.get("mode").asString()).isEqualTo("SANDBOX");
        assertThat(token.get("accessToken").asString()).isNotEqualTo(accessToken(created));
        assertRevoked(accessToken(created));
        IssuedToken used = tokenService.consume(token.get("accessToken").asString(), TokenKind.USER);
        assertThat(used.subject()).isEqualTo(userId);
        assertThat(used.tenantId()).isEqualTo(tenant.id());
    }

    @Test
    void refreshTokenByJsonBodyThenNewTokenAndOldOneRevoked() {
        TestTenant tenant = newTenant("tokens-body");
        JsonNode created = createUser(api, tenant, Map.of());
        String userId = created.get("userId").asString();

        Api.Response first = api.post("/v1/tokens", Map.of("userId", userId), tenant.auth());
        Api.Response second = api.post("/v1/tokens?userId=" + userId, Map.of("userId", userId), tenant.auth());

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertRevoked(accessToken(created));
        assertRevoked(first.json().get("accessToken").asString());
        assertThat(tokenService.consume(second.json().get("accessToken").asString(), TokenKind.USER).subject())
                .isEqualTo(userId);
    }

    @Test
    void refreshTokenWhenUsedTokenThenUsedTokenStaysUsed() {
        TestTenant tenant = newTenant("tokens-used");
        JsonNode created = createUser(api, tenant, Map.of());
        tokenService.consume(accessToken(created), TokenKind.USER);

        Api.Response response = api.post("/v1/tokens?userId=" + created.get("userId").asString(), null, tenant.auth());

        assertThat(response.status()).isEqualTo(200);
        assertThatThrownBy(() -> tokenService.consume(accessToken(created), TokenKind.USER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("token_already_used"));
    }

    @Test
    void refreshTokenWhenUserIdMissingOrMalformedThenValidationErrorAndNothingWritten() {
        TestTenant tenant = newTenant("tokens-invalid");
        String userId = createUser(api, tenant, Map.of()).get("userId").asString();
        long tokensBefore = count(jdbc, "issued_tokens", tenant.id());

        assertThat(issuePaths(api.send("POST", "/v1/tokens", null, null, tenant.auth()))).containsExactly("userId");
        assertThat(issuePaths(api.post("/v1/tokens", Map.of(), tenant.auth()))).containsExactly("userId");
        assertThat(issuePaths(api.post("/v1/tokens?userId=", null, tenant.auth()))).containsExactly("userId");
        assertThat(issuePaths(api.post("/v1/tokens", Map.of("userId", 7), tenant.auth()))).containsExactly("userId");
        assertThat(issuePaths(api.post("/v1/tokens", Map.of("user_id", userId), tenant.auth()))).containsExactly("user_id");
        assertThat(issuePaths(api.post("/v1/tokens", "{\"userId\":", tenant.auth()))).containsExactly("");
        assertThat(issuePaths(api.post("/v1/tokens?userId=" + userId, Map.of("userId", userId + "0"), tenant.auth())))
                .containsExactly("userId");
        assertThat(count(jdbc, "issued_tokens", tenant.id())).isEqualTo(tokensBefore);
    }

    @Test
    void refreshTokenWhenUserUnknownThenNotFound() {
        TestTenant tenant = newTenant("tokens-unknown");

        Api.Response response = api.post("/v1/tokens?userId=" + tenant.id() + "-0123456789abcdef0123456789abcdef", null,
                tenant.auth());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("user_not_found");
        assertThat(count(jdbc, "issued_tokens", tenant.id())).isZero();
    }

    @Test
    void refreshTokenWhenOtherTenantsUserThenNotFoundAndOwnersTokenStillValid() {
        TestTenant owner = newTenant("tokens-owner");
        TestTenant other = newTenant("tokens-other");
        JsonNode created = createUser(api, owner, Map.of());

        Api.Response response = api.post("/v1/tokens", Map.of("userId", created.get("userId").asString()), other.auth());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("user_not_found");
        assertThat(count(jdbc, "issued_tokens", other.id())).isZero();
        assertThat(tokenService.consume(accessToken(created), TokenKind.USER).subject())
                .isEqualTo(created.get("userId").asString());
    }

    @Test
    void refreshTokenWhenNoApiKeyThenUnauthorized() {
        assertThat(api.post("/v1/tokens?userId=x", null).status()).isEqualTo(401);
    }

    @Test
    void userTokenVerifiesAgainstPublishedJwksAsUserToken() throws Exception {
        TestTenant tenant = newTenant("tokens-jwks");
        JsonNode created = createUser(api, tenant, Map.of("externalUserId", "crm-jwt"));
        JsonWebKeySet jwks = new JsonWebKeySet(api.get("/.well-known/jwks.json").text());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.EDDSA)
                .setExpectedType(true, "lp-user+jwt")
                .setExpectedAudience(TokenService.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build();

        JwtClaims claims = consumer.processToClaims(accessToken(created));

        assertThat(claims.getSubject()).isEqualTo(created.get("userId").asString());
        assertThat(claims.getStringClaimValue("tid")).isEqualTo(tenant.id());
        assertThat(Instant.ofEpochSecond(claims.getExpirationTime().getValue()))
                .isEqualTo(Instant.parse(created.get("token").get("expiresAt").asString()));
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
    }

    @Test
    void userTokenWhenPastExpiryThenTokenExpired() {
        TestTenant tenant = newTenant("tokens-expired");
        JsonNode created = createUser(api, tenant, Map.of());
        IssuedToken token = tokenService.inspect(accessToken(created), TokenKind.USER);
        jdbc.sql("UPDATE issued_tokens SET expires_at = ? WHERE id = ?")
                .params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), token.id()).update();

        assertThatThrownBy(() -> tokenService.consume(accessToken(created), TokenKind.USER))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("token_expired");
                    assertThat(e.status().value()).isEqualTo(401);
                });
        Api.Response refreshed = api.post("/v1/tokens?userId=" + created.get("userId").asString(), null, tenant.auth());
        assertThat(tokenService.consume(refreshed.json().get("accessToken").asString(), TokenKind.USER).subject())
                .isEqualTo(created.get("userId").asString());
    }

    @Test
    void userTokenWhenPresentedAsLinkTokenThenInvalid() {
        TestTenant tenant = newTenant("tokens-kind");
        JsonNode created = createUser(api, tenant, Map.of());

        assertThatThrownBy(() -> tokenService.consume(accessToken(created), TokenKind.LINK))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_token"));
    }

    private void assertRevoked(String jwt) {
        assertThatThrownBy(() -> tokenService.consume(jwt, TokenKind.USER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("token_revoked"));
    }
}

package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.linkport.logins.LoginFlows.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token rotation for a saved OAuth login: the sandbox's {@code oauth_bank} authorization
 * server answers every refresh with a new refresh token and refuses the old one from then on, so
 * a second live refresh succeeds only if the rotated token was sealed in place of the first.
 */
class OAuthRefreshRotationTest extends ServerTest {

    @Test
    void liveAuthorizeTwiceThenEachRefreshKeepsTheRotatedRefreshToken() {
        TestTenant tenant = newTenant("oauth rotation");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        Api.Response start = api.get(LoginFlows.authorizeUrl(tenant, "oauth_bank", REDIRECT, "rot"));
        assertThat(start.status()).as(start.text()).isEqualTo(302);
        String form = URI.create(start.header("Location")).getRawQuery() + "&decision=approve&username=user_good";
        Api.Response decided = api.send("POST", "/sandbox/oauth/authorize", "application/x-www-form-urlencoded", form);
        assertThat(decided.status()).as(decided.text()).isBetween(301, 303);
        Api.Response back = api.get(decided.header("Location"));
        assertThat(back.status()).as(back.text()).isEqualTo(303);
        String loginId = LoginFlows.query(back.header("Location")).get("loginId");
        assertThat(loginId).as(back.header("Location")).isNotNull();
        assertThat(loginId).startsWith("login_");
        String sealed0 = secret(loginId);

        Api.Response first = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        String sealed1 = secret(loginId);
        Api.Response second = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        String sealed2 = secret(loginId);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(sealed1).isNotEqualTo(sealed0);
        assertThat(sealed2).isNotEqualTo(sealed1);
    }

    private String secret(String loginId) {
        return jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).single();
    }
}

package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001 meets seed 003: a user's profile lists their saved logins, and deleting the user erases them. */
class UserSavedLoginsTest extends ServerTest {

    @Test
    void savedLoginForUserThenListedInProfileAndErasedWithTheUser() {
        TestTenant tenant = newTenant("user-logins");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        Api.Response created = api.post("/v1/users", Map.of("externalUserId", "crm-501"), tenant.auth());
        String userId = created.json().get("userId").asString();

        Api.Response authorize = api.get(LoginFlows.authorizeUrl(tenant, "sandbox_bank", LoginFlows.REDIRECT, "s1")
                + "&end_user_id=crm-501");
        assertThat(authorize.status()).as(authorize.text()).isEqualTo(200);
        String loginId = LoginFlows.loginThrough(api, WidgetLogin.of(api, authorize), "user_good", "pass_good").get("loginId");
        assertThat(loginId).isNotBlank();

        JsonNode profile = api.get("/v1/users/" + userId, tenant.auth()).json();
        assertThat(profile.get("logins").findValuesAsString("loginId")).containsExactly(loginId);
        assertThat(profile.get("logins").get(0).get("integrationId").asString()).isEqualTo("sandbox_bank");
        assertThat(profile.get("logins").toString()).doesNotContain("pass_good", "ciphertext");

        assertThat(api.delete("/v1/users/" + userId, tenant.auth()).status()).isIn(200, 204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM logins WHERE id = ?").param(loginId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_snapshots WHERE login_id = ?").param(loginId).query(Long.class)
                .single()).isZero();
        Api.Response authorizeAgain = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true),
                tenant.auth());
        assertThat(authorizeAgain.status()).isEqualTo(404);
    }
}

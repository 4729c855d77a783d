package io.linkport.users;

import io.linkport.links.LinkFixtures;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.linkport.users.UserFixtures.createUser;
import static org.assertj.core.api.Assertions.assertThat;

class UserLinksApiTest extends ServerTest {

    @Test
    void getUserThenListsLinksMadeForTheirTenantSideIdWithoutArguments() {
        TestTenant tenant = newTenant("users-links");
        String userId = createUser(api, tenant, Map.of("externalUserId", "crm-links")).get("userId").asString();
        String linkId = createLink(tenant.auth(), "crm-links");
        createLink(tenant.auth(), "someone-else");

        Api.Response response = api.get("/v1/users/" + userId, tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode links = response.json().get("links");
        assertThat(links.size()).isEqualTo(1);
        assertThat(links.get(0).get("linkId").asString()).isEqualTo(linkId);
        assertThat(links.get(0).get("status").asString()).isEqualTo("pending");
        assertThat(links.get(0).get("operations").size()).isEqualTo(2);
        assertThat(links.get(0).get("createdAt").isNumber()).isTrue();
        assertThat(response.text()).doesNotContain(LinkFixtures.CARD_NUMBER);
    }

    @Test
    void deleteUserThenTheirLinksLoseArgumentsAndOtherLinksKeepThem() {
        TestTenant tenant = newTenant("users-links-delete");
        String userId = createUser(api, tenant, Map.of("externalUserId", "crm-gone")).get("userId").asString();
        String theirs = createLink(tenant.auth(), "crm-gone");
        String others = createLink(tenant.auth(), "crm-stays");

        assertThat(api.delete("/v1/users/" + userId, tenant.auth()).status()).isEqualTo(200);

        assertThat(arguments(theirs)).isNull();
        assertThat(arguments(others)).isNotNull();
    }

    @Test
    void deleteUserWhenOtherModeSharesTenantSideIdThenOtherModesLinksKept() {
        TestTenant tenant = newTenant("users-links-modes");
        Api.Response key = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "production"),
                Api.secret(ADMIN_KEY));
        String[] production = Api.secret(key.json().get("secret").asString());
        String sandboxUser = createUser(api, tenant, Map.of("externalUserId", "crm-both")).get("userId").asString();
        Api.Response productionUser = api.post("/v1/users", Map.of("externalUserId", "crm-both"), production);
        assertThat(productionUser.status()).isEqualTo(201);
        createLink(tenant.auth(), "crm-both");
        // The sandbox-only test carrier cannot serve a production key; move a link to production instead.
        String productionLink = createLink(tenant.auth(), "crm-both");
        jdbc.sql("UPDATE links SET mode = 'PRODUCTION' WHERE id = ?").param(productionLink).update();

        assertThat(api.delete("/v1/users/" + sandboxUser, tenant.auth()).status()).isEqualTo(200);

        assertThat(arguments(productionLink)).isNotNull();
        JsonNode productionLinks = api.get("/v1/users/" + productionUser.json().get("userId").asString(), production)
                .json().get("links");
        assertThat(productionLinks.size()).isEqualTo(1);
        assertThat(productionLinks.get(0).get("linkId").asString()).isEqualTo(productionLink);
    }

    private String createLink(String[] auth, String externalUserId) {
        Api.Response response = api.post("/v1/links",
                LinkFixtures.with(LinkFixtures.seedExample(), "externalUserId", externalUserId), auth);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("linkId").asString();
    }

    private String arguments(String linkId) {
        return jdbc.sql("SELECT arguments_encrypted FROM links WHERE id = ?").param(linkId).query(String.class).optional()
                .orElse(null);
    }
}

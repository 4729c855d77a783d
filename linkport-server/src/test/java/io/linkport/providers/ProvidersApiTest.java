package io.linkport.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProvidersApiTest extends ServerTest {

    private static final List<String> SANDBOX_IDS = List.of("tmobile", "att", "verizon", "ubereats", "doordash", "amazon",
            "adp", "gusto", "workday", "paychex", "sandbox_bank", "northwind_bank", "first_platypus", "oauth_bank",
            "sandbox_slow_bank");

    private TestTenant tenant;
    private String[] production;

    @BeforeEach
    void tenantWithBothKeys() {
        tenant = newTenant("providers-" + System.nanoTime());
        Api.Response key = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "production"),
                Api.secret(ADMIN_KEY));
        assertThat(key.status()).as(key.text()).isEqualTo(201);
        production = Api.bearer(key.json().get("secret").asString());
    }

    @Test
    void listProvidersWithSandboxKeyThenEverySandboxInstitutionAndTheServiceLoadedConnector() {
        Api.Response response = api.get("/v1/providers", tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(ids(response)).containsAll(SANDBOX_IDS).contains("acme_test_connector");
        JsonNode tmobile = provider(response, "tmobile");
        assertThat(tmobile.get("name").asString()).isEqualTo("T-Mobile");
        assertThat(tmobile.get("category").asString()).isEqualTo("mobile_carrier");
        assertThat(tmobile.get("authMethod").asString()).isEqualTo("credentials");
        assertThat(tmobile.get("sandbox").asBoolean()).isTrue();
        assertThat(tmobile.get("credentialFields").findValuesAsString("name")).containsExactly("username", "password");
        assertThat(tmobile.get("testCredentials").findValuesAsString("username"))
                .contains("user_good", "user_mfa_code", "user_mfa_question", "user_mfa_device", "user_locked",
                        "user_down", "user_slow", "user_fail_second", "user_password_changed");
    }

    @Test
    void getProviderThenResourcesActionsAndSchemasAsJsonObjects() {
        Api.Response response = api.get("/v1/providers/tmobile", tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode paymentMethod = resource(response.json(), "paymentMethod");
        assertThat(paymentMethod.get("dataKey").asString()).isEqualTo("paymentMethods");
        assertThat(paymentMethod.get("dataSchema").isObject()).isTrue();
        JsonNode write = action(paymentMethod, "write");
        assertThat(write.get("changesData").asBoolean()).isTrue();
        JsonNode schema = write.get("argumentsSchema");
        assertThat(schema.isObject()).isTrue();
        assertThat(schema.get("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("cardNumber", "expirationDate", "cvv", "nameOnCard", "billingZip");
        assertThat(schema.get("properties").get("expirationDate").get("pattern").asString()).contains("0[1-9]|1[0-2]");
        assertThat(action(paymentMethod, "read").get("argumentsSchema").get("type").asString()).isEqualTo("object");
        assertThat(resource(response.json(), "mobileBillingStatement").get("dataKey").asString()).isEqualTo("billing");
    }

    @Test
    void getOAuthProviderThenAuthMethodOauthAndNoCredentialFields() {
        JsonNode bank = api.get("/v1/providers/oauth_bank", tenant.auth()).json();

        assertThat(bank.get("authMethod").asString()).isEqualTo("oauth");
        assertThat(bank.get("credentialFields").isEmpty()).isTrue();
        assertThat(bank.get("resources").valueStream().map(r -> r.get("name").asString()).toList())
                .contains("accounts", "transactions", "identity", "balances");
    }

    @Test
    void listProvidersWithProductionKeyThenNoSandboxInstitutionsAndNoTestCredentials() {
        Api.Response response = api.get("/v1/providers", production);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(ids(response)).contains("acme_test_connector").doesNotContainAnyElementsOf(SANDBOX_IDS);
        assertThat(response.text()).doesNotContain("testCredentials");
    }

    @Test
    void getSandboxProviderWithProductionKeyThenNotFound() {
        Api.Response response = api.get("/v1/providers/tmobile", production);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("integration_not_found");
        assertThat(response.json().get("requestId").asString()).isNotBlank();
        assertThat(api.get("/v1/providers/acme_test_connector", production).status()).isEqualTo(200);
    }

    @Test
    void getProviderWhenUnknownThenNotFoundInErrorShape() {
        Api.Response response = api.get("/v1/providers/no_such_bank", tenant.auth());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("integration_not_found");
        assertThat(response.json().get("message").asString()).contains("no_such_bank");
    }

    @Test
    void listProvidersWithoutKeyThenUnauthorized() {
        assertThat(api.get("/v1/providers").status()).isEqualTo(401);
        assertThat(api.get("/v1/providers/tmobile").status()).isEqualTo(401);
    }

    @Test
    void listProvidersByCategoryThenOnlyThatCategory() {
        assertThat(ids(api.get("/v1/providers?category=payroll", tenant.auth())))
                .containsExactlyInAnyOrder("adp", "gusto", "workday", "paychex");
        assertThat(ids(api.get("/v1/providers?category=mobile_carrier", tenant.auth())))
                .containsExactlyInAnyOrder("tmobile", "att", "verizon");
        assertThat(ids(api.get("/v1/providers?category=bank", production))).isEmpty();
    }

    @Test
    void listProvidersByResourceAndActionThenOnlyIntegrationsWithThatCombination() {
        assertThat(ids(api.get("/v1/providers?resource=paymentMethod&action=write", tenant.auth())))
                .containsExactlyInAnyOrder("tmobile", "att", "verizon", "ubereats", "doordash", "amazon");
        assertThat(ids(api.get("/v1/providers?resource=directDeposit", tenant.auth())))
                .containsExactlyInAnyOrder("adp", "gusto", "workday", "paychex");
        assertThat(ids(api.get("/v1/providers?resource=balances&action=write", tenant.auth()))).isEmpty();
        assertThat(ids(api.get("/v1/providers?action=write", tenant.auth())))
                .containsExactlyInAnyOrder("tmobile", "att", "verizon", "ubereats", "doordash", "amazon", "adp",
                        "gusto", "workday", "paychex");
        assertThat(ids(api.get("/v1/providers?resource=identity&category=bank", tenant.auth())))
                .containsExactlyInAnyOrder("sandbox_bank", "northwind_bank", "first_platypus", "oauth_bank",
                        "sandbox_slow_bank");
    }

    @Test
    void listProvidersBySearchThenCaseInsensitiveNameOrIdMatches() {
        assertThat(ids(api.get("/v1/providers?q=MOBILE", tenant.auth()))).containsExactly("tmobile");
        assertThat(ids(api.get("/v1/providers?q=platypus", tenant.auth()))).containsExactly("first_platypus");
        assertThat(ids(api.get("/v1/providers?q=uber%20eats", tenant.auth()))).containsExactly("ubereats");
        assertThat(ids(api.get("/v1/providers?q=north&category=bank", tenant.auth()))).containsExactly("northwind_bank");
        assertThat(ids(api.get("/v1/providers?q=acme", production))).containsExactly("acme_test_connector");
    }

    @Test
    void listProvidersWhenFilterValuesUnknownThenValidationError() {
        Api.Response response = api.get("/v1/providers?category=spaceship&action=delete&resource=nothing", tenant.auth());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
        assertThat(response.json().get("issues").findValuesAsString("path"))
                .containsExactlyInAnyOrder("category", "action", "resource");
    }

    @Test
    void listProvidersWhenSearchTooLongThenValidationError() {
        Api.Response response = api.get("/v1/providers?q=" + "x".repeat(101), tenant.auth());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("q");
    }

    @Test
    void openApiDocumentThenDescribesTheCatalogAndTheSandboxAuthorizationServer() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/v1/providers")).isTrue();
        assertThat(paths.has("/v1/providers/{integrationId}")).isTrue();
        assertThat(paths.has("/sandbox/oauth/authorize")).isTrue();
        assertThat(paths.has("/sandbox/oauth/token")).isTrue();
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("data").forEach(p -> ids.add(p.get("id").asString()));
        return ids;
    }

    private static JsonNode provider(Api.Response response, String id) {
        return response.json().get("data").valueStream().filter(p -> p.get("id").asString().equals(id)).findFirst()
                .orElseThrow();
    }

    static JsonNode resource(JsonNode provider, String name) {
        return provider.get("resources").valueStream().filter(r -> r.get("name").asString().equals(name)).findFirst()
                .orElseThrow();
    }

    static JsonNode action(JsonNode resource, String name) {
        return resource.get("actions").valueStream().filter(a -> a.get("name").asString().equals(name)).findFirst()
                .orElseThrow();
    }
}

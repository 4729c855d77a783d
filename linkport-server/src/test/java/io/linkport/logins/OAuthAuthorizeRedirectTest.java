package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.linkport.logins.LoginFlows.REDIRECT;
import static io.linkport.logins.LoginFlows.authorizeUrl;
import static org.assertj.core.api.Assertions.assertThat;

class OAuthAuthorizeRedirectTest extends ServerTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example.com/callbac",              // prefix of the registered URI
            "https://app.example.com/callback/evil",        // registered URI as a prefix
            "https://app.example.com/callback?x=1",         // extra query
            "https://APP.example.com/callback",             // host case
            "HTTPS://app.example.com/callback",             // scheme case
            "https://app.example.com/Callback",             // path case
            "https://app.example.com/callback/",            // trailing slash
            "https://app.example.com./callback",            // trailing dot in host
            "https://good@evil.example/callback",           // userinfo
            "https://app.example.com@evil.example/callback",
            "https://app.example.com%2F@evil.example/callback",
            "https://app.example.com/%63allback",           // percent-encoded path character
            "https://app.example.com/callback%23",          // encoded fragment marker
            "https://app.example.com/callback#frag",        // fragment
            "https://app.example.com:443/callback",         // explicit default port
            "https://app.example.com:8443/callback",        // different port
            "http://app.example.com/callback",              // http instead of https
            "//app.example.com/callback",                   // scheme-relative
            " https://app.example.com/callback",            // leading space
            "https://evil.example/callback"})
    void authorizeWhenRedirectUriIsNotExactlyRegisteredThenErrorPageWithoutRedirect(String trick) {
        TestTenant tenant = newTenant("redirect tricks");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);

        Api.Response response = api.get(authorizeUrl(tenant, "sandbox_bank", trick, "s1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.text()).contains("Redirect not allowed").doesNotContain("evil.example");
    }

    @Test
    void authorizeWhenRedirectUriIsExactlyRegisteredThenHostedWidget() {
        TestTenant tenant = newTenant("redirect exact");
        LoginFlows.allowRedirects(api, tenant, REDIRECT, "https://other.example.com/cb?app=1");

        Api.Response other = api.get(authorizeUrl(tenant, "sandbox_bank", "https://other.example.com/cb?app=1", "s"));
        Api.Response main = api.get(authorizeUrl(tenant, "sandbox_bank", REDIRECT, "s"));

        assertThat(other.status()).isEqualTo(200);
        assertThat(main.status()).isEqualTo(200);
        assertThat(WidgetLogin.of(api, main).session().get("integration").get("id").asString()).isEqualTo("sandbox_bank");
    }

    @Test
    void authorizeWhenClientIdUnknownThenErrorPageWithoutRedirect() {
        TestTenant tenant = newTenant("unknown client");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);

        Api.Response response = api.get("/v1/OAuth/Authorize?client_id=cli_nope&institution=sandbox_bank&redirect_uri="
                + LoginFlows.enc(REDIRECT) + "&state=s");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.text()).contains("Unknown application");
    }

    @Test
    void authorizeWhenRedirectUriBelongsToAnotherTenantThenErrorPage() {
        TestTenant owner = newTenant("owner");
        TestTenant other = newTenant("other");
        LoginFlows.allowRedirects(api, owner, "https://owner.example.com/cb");

        Api.Response response = api.get(authorizeUrl(other, "sandbox_bank", "https://owner.example.com/cb", "s"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
    }

    @Test
    void authorizeWhenInstitutionUnknownOrStateMissingThenErrorPageWithoutRedirect() {
        TestTenant tenant = newTenant("bad params");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);

        Api.Response unknown = api.get(authorizeUrl(tenant, "no_such_bank", REDIRECT, "s"));
        Api.Response missingInstitution = api.get(authorizeUrl(tenant, null, REDIRECT, "s"));
        Api.Response missingState = api.get(authorizeUrl(tenant, "sandbox_bank", REDIRECT, null));
        Api.Response emptyState = api.get(authorizeUrl(tenant, "sandbox_bank", REDIRECT, ""));
        Api.Response missingRedirect = api.get(authorizeUrl(tenant, "sandbox_bank", null, "s"));

        for (Api.Response response : List.of(unknown, missingInstitution, missingState, emptyState, missingRedirect)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Location")).isNull();
        }
        assertThat(unknown.text()).contains("Unknown institution");
        assertThat(missingState.text()).contains("Missing state");
    }

    @Test
    void putRedirectUrisWhenInvalidThenValidationErrorAndNothingStored() {
        TestTenant tenant = newTenant("bad redirect list");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);

        for (String bad : List.of("http://app.example.com/cb", "https://user@app.example.com/cb", "https://app.example.com/cb#x",
                "javascript:alert(1)", "/relative", "")) {
            Api.Response response = api.send("PUT", "/admin/v1/tenants/" + tenant.id() + "/redirect_uris", "application/json",
                    Api.JSON.writeValueAsString(Map.of("redirectUris", List.of(bad))), Api.secret(ADMIN_KEY));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
            assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("redirectUris[0]");
        }
        Api.Response list = api.get("/admin/v1/tenants/" + tenant.id() + "/redirect_uris", Api.secret(ADMIN_KEY));
        assertThat(list.json().get("redirectUris").get(0).asString()).isEqualTo(REDIRECT);
        assertThat(list.json().get("redirectUris").size()).isEqualTo(1);
    }

    @Test
    void putRedirectUrisWhenNotAdminThenUnauthorized() {
        TestTenant tenant = newTenant("not admin");

        Api.Response response = api.send("PUT", "/admin/v1/tenants/" + tenant.id() + "/redirect_uris", "application/json",
                "{\"redirectUris\":[\"https://x.example/cb\"]}", tenant.auth());

        assertThat(response.status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant_redirect_uris WHERE tenant_id = ?").param(tenant.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void putRedirectUrisWhenLoopbackHttpThenAccepted() {
        TestTenant tenant = newTenant("loopback");

        LoginFlows.allowRedirects(api, tenant, "http://localhost:3000/cb", "http://127.0.0.1/cb");

        assertThat(api.get("/admin/v1/tenants/" + tenant.id() + "/redirect_uris", Api.secret(ADMIN_KEY)).json()
                .get("redirectUris").size()).isEqualTo(2);
    }
}

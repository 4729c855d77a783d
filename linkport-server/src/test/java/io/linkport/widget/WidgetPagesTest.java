package io.linkport.widget;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget, claim and demo pages' security headers, and the widget origin allow-list endpoints. */
class WidgetPagesTest extends ServerTest {

    @Test
    void getWidgetWhenTenantHasNoOriginsInSandboxThenLocalhostMayFrameIt() {
        TestTenant tenant = newTenant("Frames");

        Api.Response response = api.get("/widget?tenant=" + tenant.id());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy"))
                .contains("frame-ancestors 'self' http://localhost:* http://127.0.0.1:*")
                .contains("script-src 'self';").contains("default-src 'none'").doesNotContain("unsafe-inline");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.text()).contains("data-mode=\"frame\"").doesNotContain("<script>");
    }

    @Test
    void getWidgetWhenTenantHasOriginsThenOnlyThoseMayFrameIt() {
        TestTenant tenant = newTenant("Allow-listed");
        Api.Response put = api.send("PUT", "/admin/v1/tenants/" + tenant.id() + "/widget_origins", "application/json",
                "{\"origins\":[\"https://App.Example.com/\",\"https://app.example.com\",\"http://localhost:3000\"]}",
                Api.secret(ADMIN_KEY));

        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.json().get("origins").toString()).isEqualTo("[\"http://localhost:3000\",\"https://app.example.com\"]");
        assertThat(api.get("/widget?tenant=" + tenant.id()).header("Content-Security-Policy"))
                .endsWith("frame-ancestors 'self' http://localhost:3000 https://app.example.com");
        assertThat(api.get("/admin/v1/tenants/" + tenant.id() + "/widget_origins", Api.secret(ADMIN_KEY)).json()
                .get("origins")).hasSize(2);
    }

    @Test
    void putOriginsWhenTenantUsesItsOwnKeyThenStoredForThatTenant() {
        TestTenant tenant = newTenant("Self-service");

        Api.Response put = api.send("PUT", "/v1/widget_origins", "application/json",
                "{\"origins\":[\"https://shop.example\"]}", tenant.auth());

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("tenantId").asString()).isEqualTo(tenant.id());
        assertThat(api.get("/v1/widget_origins", tenant.auth()).json().get("origins").get(0).asString())
                .isEqualTo("https://shop.example");
    }

    @Test
    void putOriginsWhenNotOriginsThenValidationErrorAndNothingWritten() {
        TestTenant tenant = newTenant("Bad origins");
        api.send("PUT", "/v1/widget_origins", "application/json", "{\"origins\":[\"https://kept.example\"]}", tenant.auth());

        Api.Response response = api.send("PUT", "/v1/widget_origins", "application/json",
                "{\"origins\":[\"https://ok.example\",\"https://x.example/path\",\"ftp://x.example\",\"https://*.example\",\"\"]}",
                tenant.auth());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
        assertThat(response.json().get("issues")).hasSize(4);
        assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("origins[1]");
        assertThat(api.get("/v1/widget_origins", tenant.auth()).json().get("origins").get(0).asString())
                .isEqualTo("https://kept.example");
    }

    @Test
    void putOriginsWhenBodyMissingOrTooManyThenValidationError() {
        TestTenant tenant = newTenant("Missing origins");

        assertThat(api.send("PUT", "/v1/widget_origins", "application/json", "{}", tenant.auth()).status()).isEqualTo(400);
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "https://o" + i + ".example").toList();
        assertThat(api.send("PUT", "/v1/widget_origins", "application/json", Api.JSON.writeValueAsString(Map.of("origins", many)),
                tenant.auth()).status()).isEqualTo(400);
    }

    @Test
    void putOriginsWhenNoKeyOrUnknownTenantThenRefused() {
        assertThat(api.send("PUT", "/v1/widget_origins", "application/json", "{\"origins\":[]}").status()).isEqualTo(401);
        Api.Response unknown = api.send("PUT", "/admin/v1/tenants/ten_nope/widget_origins", "application/json",
                "{\"origins\":[]}", Api.secret(ADMIN_KEY));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("tenant_not_found");
        TestTenant tenant = newTenant("Tenant key is not admin");
        assertThat(api.send("PUT", "/admin/v1/tenants/" + tenant.id() + "/widget_origins", "application/json",
                "{\"origins\":[]}", tenant.auth()).status()).isEqualTo(401);
    }

    @Test
    void getClaimPageWhenCodeGivenThenQrCodeOfTheSameUrlAndNeverFramed() {
        Api.Response response = api.get("/c/link_abc123?code=clm_xyz789");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.text()).contains("data-mode=\"claim\"").contains("data-link-id=\"link_abc123\"")
                .contains("<svg class=\"lp-qr\"").contains("aria-label=\"QR code");
    }

    @Test
    void getClaimPageWhenIdsAreMalformedThenNoQrAndNothingEchoed() {
        Api.Response response = api.get("/c/%3Cscript%3E?code=%22%3E%3Cimg");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).doesNotContain("<svg class=\"lp-qr\"").doesNotContain("<img").contains("data-link-id=\"\"");
    }

    @Test
    void getHomeWhenSandboxThenDemoPageWithSdkIntegrity() {
        Api.Response response = api.get("/");
        String integrity = api.get("/sdk/v1/integrity.json").json().get("linkport.js").asString();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("id=\"connect\"").contains("integrity=\"" + integrity + "\"");
        assertThat(response.header("Content-Security-Policy")).contains("frame-src 'self'").endsWith("frame-ancestors 'none'");
    }

    @Test
    void postDemoLinkTokenWhenSandboxThenSingleUseTokenOfTheBootstrapTenant() {
        Api.Response response = api.post("/demo/link_token", "{}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.json().get("data").get("mode").asString()).isEqualTo("sandbox");
        String tokenId = response.json().get("data").get("id").asString();
        String bootstrap = jdbc.sql("SELECT tenant_id FROM bootstrap_marker").query(String.class).single();
        assertThat(jdbc.sql("SELECT tenant_id FROM issued_tokens WHERE id = ?").param(tokenId).query(String.class).single())
                .isEqualTo(bootstrap);
    }
}

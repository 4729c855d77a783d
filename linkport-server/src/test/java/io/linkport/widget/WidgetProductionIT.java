package io.linkport.widget;

import io.linkport.testing.Api;
import io.linkport.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged server in production mode: no demo, no localhost framing, https-only origins. */
class WidgetProductionIT {

    @org.junit.jupiter.api.BeforeAll
    static void onlyInTheH2Pass() {
        org.junit.jupiter.api.Assumptions.assumeFalse(io.linkport.testing.TestDatabase.postgres(),
                "the packaged server here runs on its own embedded database; it runs in the H2 pass");
    }


    private static final String ADMIN = "ak_" + "p".repeat(40);

    @Test
    void productionModeWhenDemoAskedThenRefusedAndHomePointsToDocs(@TempDir Path workDir) throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of("LINKPORT_MODE", "production",
                "LINKPORT_PUBLIC_URL", "https://linkport.example.com", "LINKPORT_ADMIN_KEY", ADMIN,
                "LINKPORT_MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="))) {
            server.awaitReady(Duration.ofSeconds(90));
            Api api = server.api();

            Api.Response home = api.get("/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.text()).contains("production mode").contains("href=\"/docs\"").doesNotContain("id=\"connect\"");
            Api.Response token = api.post("/demo/link_token", "{}");
            assertThat(token.status()).isEqualTo(404);
            assertThat(token.json().get("error").asString()).isEqualTo("demo_disabled");
            assertThat(api.get("/demo/links/link_x").status()).isEqualTo(404);

            String tenantId = api.post("/admin/v1/tenants", Map.of("name", "Prod"), Api.secret(ADMIN)).json().get("id").asString();
            assertThat(api.get("/widget?tenant=" + tenantId).header("Content-Security-Policy")).endsWith("frame-ancestors 'self'");
            Api.Response plainHttp = api.send("PUT", "/admin/v1/tenants/" + tenantId + "/widget_origins", "application/json",
                    "{\"origins\":[\"http://shop.example\"]}", Api.secret(ADMIN));
            assertThat(plainHttp.status()).isEqualTo(400);
            Api.Response allowed = api.send("PUT", "/admin/v1/tenants/" + tenantId + "/widget_origins", "application/json",
                    "{\"origins\":[\"https://shop.example\",\"http://localhost:3000\"]}", Api.secret(ADMIN));
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(api.get("/widget?tenant=" + tenantId).header("Content-Security-Policy"))
                    .endsWith("frame-ancestors 'self' http://localhost:3000 https://shop.example");
        }
    }
}

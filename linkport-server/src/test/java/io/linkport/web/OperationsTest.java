package io.linkport.web;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsTest extends ServerTest {

    @Test
    void livenessAndReadinessIncludingDatabaseThenUp() {
        assertThat(api.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsThenServedWithHttpTimings() {
        api.get("/.well-known/jwks.json");
        Api.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("http_server_requests_seconds", "jvm_memory_used_bytes");
    }

    @Test
    void openApiDocumentThenDescribesPublicEndpoints() {
        Api.Response doc = api.get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("paths").has("/v1/link_tokens")).isTrue();
        assertThat(doc.json().get("paths").has("/.well-known/jwks.json")).isTrue();
        assertThat(doc.text()).doesNotContain("\"ApiCaller\"");
    }

    @Test
    void apiReferencePageThenServed() {
        Api.Response page = api.get("/docs");
        assertThat(page.status()).isIn(200, 302);
        Api.Response ui = api.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).containsIgnoringCase("swagger");
    }
}

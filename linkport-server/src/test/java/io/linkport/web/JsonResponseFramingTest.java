package io.linkport.web;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON answers state their length instead of going out chunked (see {@link SizedJsonResponses}):
 * a success, an error from a controller and an error from a filter.
 */
class JsonResponseFramingTest extends ServerTest {

    @Test
    void createdLinkTokenCarriesItsContentLength() {
        TestTenant tenant = newTenant("framing");
        Api.Response response = api.post("/v1/link_tokens", Map.of("org_name", "Acme",
                "required_jobs", List.of("employment"), "end_user_id", "u-1"), tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertSized(response);
    }

    @Test
    void controllerErrorCarriesItsContentLength() {
        Api.Response response = api.get("/v1/links/link_missing", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("link_not_found");
        assertSized(response);
    }

    @Test
    void filterErrorCarriesItsContentLength() {
        Api.Response response = api.get("/v1/links", Api.secret("sk_sandbox_not-a-key"));
        assertThat(response.status()).isEqualTo(401);
        assertSized(response);
    }

    private static void assertSized(Api.Response response) {
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.header("Content-Length"))
                .isEqualTo(String.valueOf(response.text().getBytes(StandardCharsets.UTF_8).length));
    }
}

package io.linkport.web;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingTest extends ServerTest {

    @Test
    void unknownRouteThenJson404WithRequestId() {
        Api.Response response = api.get("/v1/does-not-exist", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(404);
        assertErrorBody(response, "not_found");
        assertThat(response.header("X-Request-Id")).isEqualTo(response.json().get("requestId").asString());
    }

    @Test
    void wrongMethodThenJson405WithAllowHeader() {
        Api.Response response = api.get("/v1/link_tokens", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(405);
        assertErrorBody(response, "method_not_allowed");
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void oversizedBodyThenJson413() {
        String huge = "{\"org_name\":\"" + "x".repeat(1_100_000) + "\"}";
        Api.Response response = api.post("/v1/link_tokens", huge, Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(413);
        assertErrorBody(response, "payload_too_large");
    }

    @Test
    void wrongContentTypeThenJson415() {
        Api.Response response = api.send("POST", "/v1/link_tokens", "text/plain", "hello", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(415);
        assertErrorBody(response, "unsupported_media_type");
    }

    @Test
    void emptyBodyThenValidationShape() {
        Api.Response response = api.send("POST", "/v1/link_tokens", "application/json", "", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
    }

    @Test
    void jsonArrayInsteadOfObjectThenValidationShape() {
        Api.Response response = api.post("/v1/link_tokens", "[1,2,3]", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
    }

    @Test
    void everyResponseCarriesRequestIdHeader() {
        assertThat(api.get("/.well-known/jwks.json").header("X-Request-Id")).matches("req_[0-9a-f]{32}");
    }

    private static void assertErrorBody(Api.Response response, String code) {
        JsonNode body = response.json();
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("requestId").asString()).startsWith("req_");
        assertThat(response.text()).doesNotContain("Exception", "trace");
    }
}

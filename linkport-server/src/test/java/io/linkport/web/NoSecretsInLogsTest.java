package io.linkport.web;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTest extends ServerTest {

    @Test
    void requestsWithSecretsAndTokensThenLogHasRequestLinesButNoSecrets(CapturedOutput output) {
        Api.Response created = api.post("/v1/link_tokens?debug=" + BOOTSTRAP_SECRET,
                Map.of("org_name", "Acme", "required_jobs", List.of("income"), "end_user_id", "u"),
                Api.secret(BOOTSTRAP_SECRET));
        String token = created.json().get("data").get("token").asString();
        api.post("/v1/link_tokens", Map.of("org_name", token), Api.bearer(BOOTSTRAP_SECRET));
        api.get("/v1/nothing?authorizeToken=" + token);

        assertThat(output.getOut()).contains("POST /v1/link_tokens 200", created.header("X-Request-Id"));
        assertThat(output.getAll()).doesNotContain(BOOTSTRAP_SECRET, token);
    }
}

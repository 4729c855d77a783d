package io.linkport.links;

import static io.linkport.links.LinkFixtures.seedExample;
import static io.linkport.links.LinkFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LinkExpiryTest extends ServerTest {

    @Autowired
    LinkSweeper sweeper;

    @Test
    void linkPastExpiryThenSweptExpiredOnceAndClaimRefused() {
        TestTenant tenant = newTenant("expiry");
        JsonNode created = api.post("/v1/links", with(seedExample(), "expiresIn", 1), tenant.auth()).json();
        String linkId = created.get("linkId").asString();
        long expiresAt = created.get("expiresAt").asLong();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > expiresAt + 50);
        // The scheduled sweep (every 15 s) may get there first; either way the link is swept once.
        sweeper.sweepExpired();
        assertThat(sweeper.sweepExpired()).isZero();
        assertThat(api.get("/v1/links/" + linkId, tenant.auth()).json().get("status").asString()).isEqualTo("expired");
        Api.Response claim = api.post("/v1/sessions", Map.of("claimCode", created.get("claimCode").asString()));
        assertThat(claim.status()).isEqualTo(410);
        assertThat(claim.json().get("error").asString()).isEqualTo("link_expired");
        assertThat(jdbc.sql("SELECT type FROM events WHERE link_id = ? ORDER BY seq").param(linkId).query(String.class).list())
                .containsExactly("LINK_CREATED", "LINK_EXPIRED");
        assertThat(api.delete("/v1/links/" + linkId, tenant.auth()).status()).isEqualTo(409);
    }

    @Test
    void linkPastExpiryNotYetSweptThenClaimRefused() {
        TestTenant tenant = newTenant("expiry-unswept");
        JsonNode created = api.post("/v1/links", with(seedExample(), "expiresIn", 1), tenant.auth()).json();
        long expiresAt = created.get("expiresAt").asLong();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > expiresAt + 50);
        Api.Response claim = api.post("/v1/sessions", Map.of("claimCode", created.get("claimCode").asString()));
        assertThat(claim.status()).isEqualTo(410);
        assertThat(claim.json().get("error").asString()).isEqualTo("link_expired");
    }
}

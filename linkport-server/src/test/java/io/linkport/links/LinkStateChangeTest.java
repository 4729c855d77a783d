package io.linkport.links;

import static io.linkport.links.LinkFixtures.seedExample;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.ServerTest;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A state change hands back the changed row with the UPDATE itself (JDBC generated keys by
 * column: RETURNING on PostgreSQL, the updated row on H2) instead of reading it again. What it
 * hands back must be exactly what a read afterwards sees, on both databases, and a change that
 * lost its race hands back nothing.
 */
class LinkStateChangeTest extends ServerTest {

    @Autowired
    JdbcLinkRepository links;

    @Test
    void changeThenReturnsTheRowAReadSees() {
        TestTenant tenant = newTenant("state-change");
        String linkId = api.post("/v1/links", seedExample(), tenant.auth()).json().get("linkId").asString();
        Instant now = Instant.now();

        Optional<Link> claimed = links.change(JdbcLinkRepository.CLAIM, now, now, linkId, now);

        assertThat(claimed).isPresent();
        assertThat(claimed.get().status()).isEqualTo(LinkStatus.CLAIMED);
        assertThat(claimed.get().claimedAt()).isNotNull();
        assertThat(claimed.get().operations()).extracting(LinkOperation::action).containsExactly("read", "write");
        assertThat(claimed).isEqualTo(links.find(linkId));
    }

    @Test
    void changeLostItsRaceThenEmptyAndRowUntouched() {
        TestTenant tenant = newTenant("state-change-race");
        String linkId = api.post("/v1/links", seedExample(), tenant.auth()).json().get("linkId").asString();
        Instant now = Instant.now();
        Link first = links.change(JdbcLinkRepository.CLAIM, now, now, linkId, now).orElseThrow();

        Optional<Link> second = links.change(JdbcLinkRepository.CLAIM, now.plusSeconds(1), now.plusSeconds(1), linkId, now);

        assertThat(second).isEmpty();
        assertThat(links.find(linkId)).contains(first);
    }
}

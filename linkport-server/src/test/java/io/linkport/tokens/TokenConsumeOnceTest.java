package io.linkport.tokens;

import io.linkport.common.LinkportProperties;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consume-once primitive every browser-facing token relies on. */
class TokenConsumeOnceTest extends ServerTest {

    @Autowired
    TokenService tokens;
    @Autowired
    SigningKeys keys;
    @Autowired
    JdbcIssuedTokenRepository repository;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    JsonMapper json;
    @Autowired
    Clock clock;
    @Autowired
    LinkportProperties properties;
    @Autowired
    TransactionTemplate tx;

    @Test
    void consumeWhenThirtyTwoConcurrentCallersThenExactlyOneWins() throws Exception {
        String jwt = newLinkToken();
        int callers = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<String> attempt = () -> {
                    start.await();
                    try {
                        tokens.consume(jwt, TokenKind.LINK);
                        return "won";
                    } catch (ApiException e) {
                        return e.code();
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).filteredOn("token_already_used"::equals).hasSize(callers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void consumeWhenUpdateRefusedButReReadStillShowsTokenUnusedThenAlreadyUsed() {
        // What H2 did once in 300 runs of the test above: the loser's UPDATE saw the winner's
        // consume, its re-read a moment later did not yet. Only a concurrent consume explains that.
        String jwt = newLinkToken();
        JdbcIssuedTokenRepository winnerNotYetVisible = new JdbcIssuedTokenRepository(jdbc, jdbcTemplate, json) {
            @Override
            boolean consume(String id, Instant now) {
                return false;
            }
        };
        TokenService loser = new TokenService(keys, winnerNotYetVisible, clock, properties, tx);

        assertThatThrownBy(() -> loser.consume(jwt, TokenKind.LINK))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("token_already_used");
                    assertThat(e.status().value()).isEqualTo(409);
                });
        assertThat(repository.find(tokens.inspect(jwt, TokenKind.LINK).id()).orElseThrow().consumedAt()).isNull();
    }

    @Test
    void consumeWhenExpiredInDatabaseThenTokenExpiredEvenThoughJwtIsValid() {
        String jwt = newLinkToken();
        String id = tokens.inspect(jwt, TokenKind.LINK).id();
        jdbc.sql("UPDATE issued_tokens SET expires_at = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), id).update();

        assertThatThrownBy(() -> tokens.consume(jwt, TokenKind.LINK))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("token_expired"));
    }

    @Test
    void consumeWhenWrongKindThenInvalid() {
        String jwt = newLinkToken();
        assertThatThrownBy(() -> tokens.consume(jwt, TokenKind.USER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_token"));
    }

    @Test
    void consumeWhenGarbageThenInvalid() {
        assertThatThrownBy(() -> tokens.consume("not.a.jwt", TokenKind.LINK))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_token"));
    }

    @Test
    void consumeThenRecordMarkedConsumed() {
        String jwt = newLinkToken();
        IssuedToken consumed = tokens.consume(jwt, TokenKind.LINK);
        assertThat(consumed.consumedAt()).isNotNull();
        assertThat(consumed.details()).containsEntry("org_name", "Acme");
    }

    @Test
    void issueWhenFortyLinkTokensRequestedAtOnceThenEachStoredBeforeItsResponseAndUsableOnce() throws Exception {
        // Concurrent POST /v1/link_tokens share group commits; each response must still mean "stored".
        ExecutorService browsers = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> issued = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                issued.add(browsers.submit(() -> {
                    String jwt = newLinkToken();
                    String id = com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID();
                    // read at once by another connection: committed, not merely queued
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM issued_tokens WHERE id = ?").param(id)
                            .query(Long.class).single()).isEqualTo(1);
                    return jwt;
                }));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<String> future : issued) {
                String jwt = future.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(ids.add(tokens.consume(jwt, TokenKind.LINK).id())).isTrue();
                assertThatThrownBy(() -> tokens.consume(jwt, TokenKind.LINK)).isInstanceOf(ApiException.class);
            }
            assertThat(ids).hasSize(40);
        } finally {
            browsers.shutdownNow();
        }
    }

    private String newLinkToken() {
        return api.post("/v1/link_tokens",
                        java.util.Map.of("org_name", "Acme", "required_jobs", List.of("income"), "end_user_id", "u-1"),
                        Api.secret(BOOTSTRAP_SECRET))
                .json().get("data").get("token").asString();
    }
}

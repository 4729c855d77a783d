package io.linkport.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.InMemoryH2;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V10 gives links that existed before it their sweep time: a link waiting for the user is looked
 * at when it expires, a run when its lease ends, a final link never. Without that, links created
 * before an upgrade would never expire and a run cut off by the upgrade would never be failed.
 */
class SweepAtMigrationTest {

    private static final OffsetDateTime EXPIRES = OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LEASE_END = OffsetDateTime.of(2029, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void migrateWhenLinksInEveryStatusThenEachGetsItsSweepTime() {
        DriverManagerDataSource dataSource = InMemoryH2.fresh("sweep_at");
        dataSource.setUrl(dataSource.getUrl() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("9").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO tenants (id, name, public_client_id, created_at) VALUES ('ten_1', 'T', 'pub_1', ?)")
                .param(EXPIRES).update();
        for (String status : new String[] {"pending", "claimed", "mfa_required", "authenticating", "running",
                "completed", "failed", "canceled", "expired"}) {
            boolean leased = status.equals("authenticating") || status.equals("running");
            jdbc.sql("""
                    INSERT INTO links (id, tenant_id, mode, integration_fixed, operations, debug, public_base, status,
                        error_retryable, progress, attempts_left, mfa_attempts_left, consented, lease_owner, lease_until,
                        created_at, updated_at, expires_at)
                    VALUES (?, 'ten_1', 'SANDBOX', FALSE, '[]', FALSE, 'http://localhost', ?, FALSE, '[]', 3, 3, FALSE,
                        ?, ?, ?, ?, ?)""")
                    .params("lnk_" + status, status, leased ? "node_1" : null, leased ? LEASE_END : null,
                            EXPIRES.minusHours(4), EXPIRES.minusHours(4), EXPIRES)
                    .update();
        }

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();

        Map<String, OffsetDateTime> sweepAt = jdbc.sql("SELECT status, sweep_at FROM links WHERE sweep_at IS NOT NULL")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(sweepAt).containsOnlyKeys("pending", "claimed", "mfa_required", "authenticating", "running");
        assertThat(sweepAt.get("pending")).isAtSameInstantAs(EXPIRES);
        assertThat(sweepAt.get("claimed")).isAtSameInstantAs(EXPIRES);
        assertThat(sweepAt.get("mfa_required")).isAtSameInstantAs(EXPIRES);
        assertThat(sweepAt.get("authenticating")).isAtSameInstantAs(LEASE_END);
        assertThat(sweepAt.get("running")).isAtSameInstantAs(LEASE_END);
    }
}

package io.linkport.sandbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox institutions' memory of each account (see {@code V3__sandbox.sql}). */
@Repository
class JdbcSandboxStateRepository {

    private static final String INSERT = """
            INSERT INTO sandbox_state (integration_id, account_key, state_key, state_value, updated_at)
            VALUES (:integration, :account, :key, :value, :now)""";
    private static final String SELECT = """
            SELECT state_value, updated_at FROM sandbox_state
            WHERE integration_id = :integration AND account_key = :account AND state_key = :key""";
    /** A compare-and-set on {@code updated_at}, which every write moves forward. */
    private static final String REPLACE = """
            UPDATE sandbox_state SET state_value = :value, updated_at = :now
            WHERE integration_id = :integration AND account_key = :account AND state_key = :key
                AND updated_at = :expected""";

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcSandboxStateRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored value with the time it was written, which {@link #replace} compares. */
    record Versioned(String value, OffsetDateTime updatedAt) {
    }

    Optional<String> find(String integrationId, String accountKey, String key) {
        return findVersioned(integrationId, accountKey, key).map(Versioned::value);
    }

    Optional<Versioned> findVersioned(String integrationId, String accountKey, String key) {
        return jdbc.sql(SELECT).param("integration", integrationId).param("account", accountKey).param("key", key)
                .query((rs, row) -> new Versioned(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).optional();
    }

    /**
     * Replaces the value read as {@code read}, unless another write came first; what it stored
     * when it did. The new {@code updated_at} is later than the one read, to the microsecond both
     * databases keep.
     */
    Optional<Versioned> replace(String integrationId, String accountKey, String key, Versioned read, String value) {
        OffsetDateTime now = now();
        OffsetDateTime written = now.isAfter(read.updatedAt()) ? now : read.updatedAt().plus(1, ChronoUnit.MICROS);
        boolean replaced = statement(REPLACE, integrationId, accountKey, key, value, written)
                .param("expected", read.updatedAt()).update() == 1;
        return replaced ? Optional.of(new Versioned(value, written)) : Optional.empty();
    }

    /** Inserts unless a value is already there; what it stored when this call inserted it. */
    Optional<Versioned> insertIfAbsent(String integrationId, String accountKey, String key, String value) {
        OffsetDateTime now = now();
        try {
            statement(INSERT, integrationId, accountKey, key, value, now).update();
            return Optional.of(new Versioned(value, now));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    private JdbcClient.StatementSpec statement(String sql, String integrationId, String accountKey, String key,
                                               String value, OffsetDateTime now) {
        return jdbc.sql(sql).param("integration", integrationId).param("account", accountKey).param("key", key)
                .param("value", value).param("now", now);
    }

    /** Now, to the microsecond both databases keep, so what {@link #findVersioned} reads back is what was written. */
    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

package io.linkport.sandbox;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox institutions' memory of each account (see {@code V3__sandbox.sql}). */
@Repository
class JdbcSandboxStateRepository {

    private static final String SELECT = """
            SELECT state_value FROM sandbox_state
            WHERE integration_id = :integration AND account_key = :account AND state_key = :key""";
    private static final String INSERT = """
            INSERT INTO sandbox_state (integration_id, account_key, state_key, state_value, updated_at)
            VALUES (:integration, :account, :key, :value, :now)""";
    private static final String UPDATE = """
            UPDATE sandbox_state SET state_value = :value, updated_at = :now
            WHERE integration_id = :integration AND account_key = :account AND state_key = :key""";

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcSandboxStateRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> find(String integrationId, String accountKey, String key) {
        return jdbc.sql(SELECT).param("integration", integrationId).param("account", accountKey).param("key", key)
                .query(String.class).optional();
    }

    /** Inserts unless a value is already there; true when this call inserted it. */
    boolean insertIfAbsent(String integrationId, String accountKey, String key, String value) {
        try {
            statement(INSERT, integrationId, accountKey, key, value).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void save(String integrationId, String accountKey, String key, String value) {
        if (statement(UPDATE, integrationId, accountKey, key, value).update() == 0
                && !insertIfAbsent(integrationId, accountKey, key, value)) {
            statement(UPDATE, integrationId, accountKey, key, value).update();
        }
    }

    private JdbcClient.StatementSpec statement(String sql, String integrationId, String accountKey, String key,
                                               String value) {
        return jdbc.sql(sql).param("integration", integrationId).param("account", accountKey).param("key", key)
                .param("value", value).param("now", clock.instant().atOffset(ZoneOffset.UTC));
    }
}

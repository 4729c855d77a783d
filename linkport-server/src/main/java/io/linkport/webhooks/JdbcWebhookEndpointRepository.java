package io.linkport.webhooks;

import io.linkport.common.Mode;
import io.linkport.common.PerTransaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWebhookEndpointRepository {

    private static final String COLUMNS = """
            id, tenant_id, mode, url, description, event_types, enabled, disabled_reason, secret_encrypted,
            previous_secret_encrypted, previous_expires_at, failing_since, created_at, updated_at""";
    private static final String INSERT = """
            INSERT INTO webhook_endpoints (id, tenant_id, mode, url, description, event_types, enabled, secret_encrypted,
                                           created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS
            + " FROM webhook_endpoints WHERE id = ? AND tenant_id = ? AND mode = ? AND deleted_at IS NULL";
    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL";
    private static final String FIND_BY_IDS = "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id IN (:ids) AND deleted_at IS NULL";
    private static final String LIST = "SELECT " + COLUMNS
            + " FROM webhook_endpoints WHERE tenant_id = ? AND mode = ? AND deleted_at IS NULL ORDER BY created_at, id";
    private static final String SUBSCRIPTIONS = "SELECT " + COLUMNS
            + " FROM webhook_endpoints WHERE tenant_id = ? AND mode = ? AND enabled = TRUE AND deleted_at IS NULL";
    private static final String UPDATE = """
            UPDATE webhook_endpoints SET url = ?, description = ?, event_types = ?, enabled = ?, disabled_reason = ?,
                   failing_since = ?, updated_at = ?
            WHERE id = ? AND deleted_at IS NULL""";
    private static final String ROTATE = """
            UPDATE webhook_endpoints SET secret_encrypted = ?, previous_secret_encrypted = ?, previous_expires_at = ?,
                   updated_at = ?
            WHERE id = ? AND deleted_at IS NULL""";
    private static final String DELETE = "UPDATE webhook_endpoints SET deleted_at = ?, enabled = FALSE WHERE id = ? AND deleted_at IS NULL";
    private static final String MARK_FAILING = """
            UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL""";
    private static final String MARK_HEALTHY = "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL";
    private static final String DISABLE = """
            UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = ?, updated_at = ?
            WHERE id = ? AND enabled = TRUE AND deleted_at IS NULL""";

    private final JdbcClient jdbc;
    // Every event asks for its tenant's subscriptions; a group-committed transaction holds many events.
    private final PerTransaction<String, List<WebhookEndpoint>> subscriptionsRead = new PerTransaction<>();
    // JdbcClient has no batches; this one shares its connection and transaction.
    private final JdbcTemplate batches;

    JdbcWebhookEndpointRepository(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    void insert(WebhookEndpoint e) {
        subscriptionsRead.forget();
        jdbc.sql(INSERT).params(e.id(), e.tenantId(), e.mode().name(), e.url(), e.description(), String.join(",", e.eventTypes()),
                e.enabled(), e.secretEncrypted(), at(e.createdAt()), at(e.updatedAt())).update();
    }

    Optional<WebhookEndpoint> find(String id, String tenantId, Mode mode) {
        return jdbc.sql(FIND).params(id, tenantId, mode.name()).query(JdbcWebhookEndpointRepository::map).optional();
    }

    Optional<WebhookEndpoint> findById(String id) {
        return jdbc.sql(FIND_BY_ID).params(id).query(JdbcWebhookEndpointRepository::map).optional();
    }

    /** The endpoints that still exist among {@code ids}, by id. */
    Map<String, WebhookEndpoint> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, WebhookEndpoint> found = new HashMap<>();
        jdbc.sql(FIND_BY_IDS).param("ids", ids).query(JdbcWebhookEndpointRepository::map).list()
                .forEach(endpoint -> found.put(endpoint.id(), endpoint));
        return found;
    }

    List<WebhookEndpoint> list(String tenantId, Mode mode) {
        return jdbc.sql(LIST).params(tenantId, mode.name()).query(JdbcWebhookEndpointRepository::map).list();
    }

    /**
     * The tenant's enabled endpoints in this mode, for the outbox to fan an event out to; read once
     * per transaction. Whole rows: a delivery handed to this node's dispatcher is signed with the
     * secret read here, with no query of its own.
     */
    List<WebhookEndpoint> subscriptions(String tenantId, Mode mode) {
        return subscriptionsRead.get(tenantId + ' ' + mode.name(), key -> List.copyOf(jdbc.sql(SUBSCRIPTIONS)
                .params(tenantId, mode.name()).query(JdbcWebhookEndpointRepository::map).list()));
    }

    void update(WebhookEndpoint e) {
        subscriptionsRead.forget();
        jdbc.sql(UPDATE).params(e.url(), e.description(), String.join(",", e.eventTypes()), e.enabled(), e.disabledReason(),
                at(e.failingSince()), at(e.updatedAt()), e.id()).update();
    }

    void rotate(String id, String secretEncrypted, String previousEncrypted, Instant previousExpiresAt, Instant now) {
        jdbc.sql(ROTATE).params(secretEncrypted, previousEncrypted, at(previousExpiresAt), at(now), id).update();
    }

    boolean delete(String id, Instant now) {
        subscriptionsRead.forget();
        return jdbc.sql(DELETE).params(at(now), id).update() == 1;
    }

    void markFailing(String id, Instant since) {
        jdbc.sql(MARK_FAILING).params(at(since), id).update();
    }

    void markHealthy(String id) {
        jdbc.sql(MARK_HEALTHY).params(id).update();
    }

    /** {@link #markHealthy} for many endpoints in one batch, in id order. */
    void markHealthy(Collection<String> ids) {
        batches.batchUpdate(MARK_HEALTHY, new TreeSet<>(ids).stream().map(id -> new Object[] {id}).toList());
    }

    /** True for the one caller that actually disabled it, so only one event is emitted. */
    boolean disable(String id, String reason, Instant now) {
        subscriptionsRead.forget();
        return jdbc.sql(DISABLE).params(reason, at(now), id).update() == 1;
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(rs.getString("id"), rs.getString("tenant_id"), Mode.valueOf(rs.getString("mode")),
                rs.getString("url"), rs.getString("description"), eventTypes(rs.getString("event_types")), rs.getBoolean("enabled"),
                rs.getString("disabled_reason"), rs.getString("secret_encrypted"), rs.getString("previous_secret_encrypted"),
                instant(rs, "previous_expires_at"), instant(rs, "failing_since"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static List<String> eventTypes(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
    }
}

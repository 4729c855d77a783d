package io.linkport.webhooks;

import static io.linkport.webhooks.JdbcWebhookEndpointRepository.at;
import static io.linkport.webhooks.JdbcWebhookEndpointRepository.instant;

import io.linkport.common.BatchedWrites;
import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcDeliveryRepository {

    private static final String COLUMNS = """
            id, tenant_id, mode, event_id, event_type, endpoint_id, url, payload, status, attempt_count, next_attempt_at,
            last_status_code, last_error, replay_of, created_at, completed_at""";
    private static final String INSERT = """
            INSERT INTO webhook_deliveries (id, tenant_id, mode, event_id, event_type, endpoint_id, url, payload, status,
                                            attempt_count, next_attempt_at, replay_of, created_at, lease_owner, lease_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)""";
    // Candidates only: the conditional UPDATE in CLAIM decides who really gets a row.
    private static final String DUE = "SELECT " + COLUMNS + """
             FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
              AND (endpoint_id IS NULL OR endpoint_id NOT IN (:saturated))
            ORDER BY next_attempt_at
            LIMIT :limit""";
    // "(status = 'pending') IS TRUE", not "status = 'pending'": with stale statistics PostgreSQL may
    // otherwise claim through the due index and scan every pending row per claim (a 20,000-row
    // backlog drained at 137/s instead of 1,100/s; docs/performance.md).
    static final String CLAIM = """
            UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?
            WHERE id = ? AND (status = 'pending') IS TRUE AND attempt_count = ? AND (lease_until IS NULL OR lease_until < ?)""";
    private static final String FINISH = """
            UPDATE webhook_deliveries SET status = ?, attempt_count = attempt_count + ?, next_attempt_at = ?,
                   last_status_code = ?, last_error = ?, completed_at = ?, lease_owner = NULL, lease_until = NULL
            WHERE id = ? AND lease_owner = ? AND attempt_count = ?""";
    // Gives a claim back unsent: due again at once, for any node (only the lease holder can).
    private static final String UNCLAIM = """
            UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL
            WHERE id = ? AND lease_owner = ? AND attempt_count = ? AND status = 'pending'""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO webhook_attempts (id, delivery_id, attempt_number, node, started_at, duration_ms, status_code, success,
                                          response_excerpt, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ? AND tenant_id = ? AND mode = ?";
    private static final String BY_ENDPOINT = "SELECT " + COLUMNS + """
             FROM webhook_deliveries WHERE endpoint_id = ? AND tenant_id = ? AND mode = ?
            ORDER BY created_at DESC, id DESC LIMIT ?""";
    private static final String BY_ENDPOINT_AND_STATUS = "SELECT " + COLUMNS + """
             FROM webhook_deliveries WHERE endpoint_id = ? AND tenant_id = ? AND mode = ? AND status = ?
            ORDER BY created_at DESC, id DESC LIMIT ?""";
    private static final String ATTEMPTS = """
            SELECT id, delivery_id, attempt_number, node, started_at, duration_ms, status_code, success, response_excerpt, error
            FROM webhook_attempts WHERE delivery_id = ? ORDER BY started_at, attempt_number""";

    private final JdbcClient jdbc;
    // JdbcClient has no batches; these go through the same connection and transaction.
    private final JdbcTemplate batches;
    private final BatchedWrites batched;

    JdbcDeliveryRepository(JdbcClient jdbc, JdbcTemplate batches, BatchedWrites batched) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.batched = batched;
    }

    /** Through {@link BatchedWrites}: the outbox's rows for a group's events go with the group's batch. */
    void insert(WebhookDelivery d) {
        insertLeased(d, null, null);
    }

    /** As {@link #insert}, already claimed by {@code owner} until {@code leaseUntil}, as {@link #claimAll} would leave it. */
    void insertLeased(WebhookDelivery d, String owner, Instant leaseUntil) {
        batched.update(INSERT, d.id(), d.tenantId(), d.mode().name(), d.eventId(), d.eventType(), d.endpointId(), d.url(),
                d.payload(), at(d.nextAttemptAt()), d.replayOf(), at(d.createdAt()), owner, at(leaseUntil));
    }

    List<WebhookDelivery> due(Instant now, Collection<String> saturatedEndpoints, int limit) {
        // An IN list must not be empty; "" is never an endpoint id.
        Collection<String> saturated = saturatedEndpoints.isEmpty() ? List.of("") : saturatedEndpoints;
        return jdbc.sql(DUE).param("now", at(now)).param("saturated", saturated).param("limit", limit)
                .query(JdbcDeliveryRepository::map).list();
    }

    /** True when this node now holds the lease for this attempt; at most one node can get true. */
    boolean claim(WebhookDelivery d, String owner, Instant leaseUntil, Instant now) {
        return jdbc.sql(CLAIM).params(owner, at(leaseUntil), d.id(), d.attemptCount(), at(now)).update() == 1;
    }

    /**
     * Claims many candidates in one transaction (one commit, one round trip for the batch): each row
     * is still taken by its own conditional UPDATE, so at most one node wins it. Rows are locked in
     * id order, so two nodes claiming overlapping batches wait for each other instead of deadlocking.
     * Returns the candidates this node won.
     */
    @Transactional
    List<WebhookDelivery> claimAll(List<WebhookDelivery> candidates, String owner, Instant leaseUntil, Instant now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<WebhookDelivery> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing(WebhookDelivery::id));
        List<Object[]> rows = new ArrayList<>(ordered.size());
        for (WebhookDelivery d : ordered) {
            rows.add(new Object[] {owner, at(leaseUntil), d.id(), d.attemptCount(), at(now)});
        }
        int[] updated = batches.batchUpdate(CLAIM, rows);
        List<WebhookDelivery> won = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            if (updated[i] == 1) {
                won.add(ordered.get(i));
            }
        }
        return won;
    }

    /** Gives back claims this node holds but will not send (it is stopping, or the lease got too short to send within). */
    @Transactional
    void unclaimAll(List<WebhookDelivery> claimed, String owner) {
        if (claimed.isEmpty()) {
            return;
        }
        List<WebhookDelivery> ordered = new ArrayList<>(claimed);
        ordered.sort(Comparator.comparing(WebhookDelivery::id));
        batches.batchUpdate(UNCLAIM, ordered.stream().map(d -> new Object[] {d.id(), owner, d.attemptCount()}).toList());
    }

    void insertAttempts(List<DeliveryAttempt> attempts) {
        batches.batchUpdate(INSERT_ATTEMPT, attempts.stream().map(a -> new Object[] {a.id(), a.deliveryId(), a.attemptNumber(),
                a.node(), at(a.startedAt()), a.durationMs(), a.statusCode(), a.success(), a.responseExcerpt(), a.error()}).toList());
    }

    /**
     * Marks many deliveries succeeded, each unless its lease was lost (as {@link #finish}); in id
     * order, like {@link #claimAll}. Returns the ids whose outcome this node recorded.
     */
    Set<String> finishSucceeded(List<SucceededAttempt> succeeded, Instant completedAt) {
        List<SucceededAttempt> ordered = new ArrayList<>(succeeded);
        ordered.sort(Comparator.comparing(s -> s.delivery().id()));
        int[] updated = batches.batchUpdate(FINISH, ordered.stream().map(s -> new Object[] {WebhookDelivery.SUCCEEDED, 1,
                at(s.delivery().nextAttemptAt()), s.statusCode(), null, at(completedAt), s.delivery().id(), s.owner(),
                s.delivery().attemptCount()}).toList());
        Set<String> recorded = new HashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (updated[i] == 1) {
                recorded.add(ordered.get(i).delivery().id());
            }
        }
        return recorded;
    }

    /** A delivery whose attempt by {@code owner} was answered 2xx. */
    record SucceededAttempt(WebhookDelivery delivery, String owner, int statusCode) {
    }

    /** Records the outcome, unless the lease was lost (then the node that holds it now decides). */
    boolean finish(WebhookDelivery d, String owner, String status, boolean countsAsAttempt, Instant nextAttemptAt,
                   Integer statusCode, String error, Instant completedAt) {
        return jdbc.sql(FINISH).params(status, countsAsAttempt ? 1 : 0, at(nextAttemptAt == null ? d.nextAttemptAt() : nextAttemptAt),
                statusCode, error, at(completedAt), d.id(), owner, d.attemptCount()).update() == 1;
    }

    void insertAttempt(DeliveryAttempt a) {
        jdbc.sql(INSERT_ATTEMPT).params(a.id(), a.deliveryId(), a.attemptNumber(), a.node(), at(a.startedAt()), a.durationMs(),
                a.statusCode(), a.success(), a.responseExcerpt(), a.error()).update();
    }

    Optional<WebhookDelivery> find(String id, String tenantId, Mode mode) {
        return jdbc.sql(FIND).params(id, tenantId, mode.name()).query(JdbcDeliveryRepository::map).optional();
    }

    List<WebhookDelivery> byEndpoint(String endpointId, String tenantId, Mode mode, String status, int limit) {
        if (status == null) {
            return jdbc.sql(BY_ENDPOINT).params(endpointId, tenantId, mode.name(), limit).query(JdbcDeliveryRepository::map).list();
        }
        return jdbc.sql(BY_ENDPOINT_AND_STATUS).params(endpointId, tenantId, mode.name(), status, limit)
                .query(JdbcDeliveryRepository::map).list();
    }

    List<DeliveryAttempt> attempts(String deliveryId) {
        return jdbc.sql(ATTEMPTS).params(deliveryId).query((rs, row) -> new DeliveryAttempt(rs.getString("id"),
                rs.getString("delivery_id"), rs.getInt("attempt_number"), rs.getString("node"), instant(rs, "started_at"),
                rs.getLong("duration_ms"), (Integer) rs.getObject("status_code", Integer.class), rs.getBoolean("success"),
                rs.getString("response_excerpt"), rs.getString("error"))).list();
    }

    private static WebhookDelivery map(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getString("id"), rs.getString("tenant_id"), Mode.valueOf(rs.getString("mode")),
                rs.getString("event_id"), rs.getString("event_type"), rs.getString("endpoint_id"), rs.getString("url"),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempt_count"), instant(rs, "next_attempt_at"),
                rs.getObject("last_status_code", Integer.class), rs.getString("last_error"), rs.getString("replay_of"),
                instant(rs, "created_at"), instant(rs, "completed_at"));
    }
}

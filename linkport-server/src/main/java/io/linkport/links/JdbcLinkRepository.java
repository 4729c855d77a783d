package io.linkport.links;

import io.linkport.common.BatchedWrites;
import io.linkport.common.Mode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Links in SQL. Every state change is a conditional UPDATE on the status it leaves, so of two
 * nodes (or two requests) racing for the same transition exactly one sees a row updated.
 */
@Repository
class JdbcLinkRepository {

    private static final String COLUMNS = """
            id, tenant_id, mode, integration_id, integration_fixed, operations, webhook_url, return_url,
            external_user_id, user_id, link_token_id, end_user_id, org_name, language, debug, for_login, status, error_code,
            error_message, error_retryable, progress, attempts_left, mfa_attempts_left, consented, mfa_challenge,
            public_base, lease_owner, lease_until, created_at, updated_at, expires_at, claimed_at, finished_at""";
    private static final String[] RETURNED = COLUMNS.replaceAll("\\s+", "").split(",");
    private static final String[] RETURNED_WITH_ARGUMENTS = Stream.concat(Arrays.stream(RETURNED),
            Stream.of("arguments_encrypted")).toArray(String[]::new);
    private static final String NON_TERMINAL = "('pending', 'claimed', 'authenticating', 'mfa_required', 'running')";
    /**
     * States in which a link waits for the user. A link that is logging in or running holds a
     * lease and finishes (its connector calls have deadlines); if its node dies, the lapsed-lease
     * sweep fails it. Expiring it mid-run would throw away work the user already did.
     */
    private static final String EXPIRABLE = "('pending', 'claimed', 'mfa_required')";
    private static final String INSERT = """
            INSERT INTO links (id, tenant_id, mode, integration_id, integration_fixed, operations, arguments_encrypted,
                webhook_url, return_url, external_user_id, user_id, link_token_id, end_user_id, org_name, language, debug,
                for_login, claim_code_hash, public_base, status, error_retryable, progress, attempts_left, mfa_attempts_left,
                consented, created_at, updated_at, expires_at, sweep_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, FALSE, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM links WHERE id = ?";
    private static final String FIND_BY_SESSION = "SELECT s.expires_at AS session_expires_at, "
            + String.join(", ", Arrays.stream(RETURNED).map(column -> "l." + column).toList())
            + " FROM link_sessions s JOIN links l ON l.id = s.link_id WHERE s.token_hash = ?";
    private static final String FIND_BY_CLAIM = "SELECT " + COLUMNS + ", claim_code_hash FROM links WHERE claim_code_hash = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM links WHERE tenant_id = ? AND mode = ?";
    private static final String LIST_STATUS = " AND status = ?";
    private static final String LIST_EXTERNAL_USER = " AND external_user_id = ?";
    private static final String LIST_AFTER = " AND (created_at < ? OR (created_at = ? AND id < ?))";
    private static final String LIST_ORDER = " ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String LIST_FOR_USER = "SELECT " + COLUMNS + """
             FROM links WHERE tenant_id = ? AND ((user_id IS NOT NULL AND user_id = ?)
                OR (external_user_id IS NOT NULL AND external_user_id = ?))
            ORDER BY created_at DESC, id DESC""";
    private static final String RESULT = "SELECT result_encrypted FROM links WHERE id = ?";
    private static final String CONNECTOR_STATE = "SELECT connector_state_encrypted FROM links WHERE id = ?";

    // sweep_at (V10) is when the sweeper must next look at a link: its expiry while it waits for the
    // user, its lease's end while a node runs it (set with the lease, renewed with it), NULL once
    // final. Only the changes that start or end a lease or finish the link touch it; the others
    // change no indexed column, which PostgreSQL can do as a HOT update. The lease itself is renewed
    // by SessionEngine's heartbeat alone, not by each step of a run, for the same reason.
    static final String CLAIM = """
            UPDATE links SET status = 'claimed', claimed_at = ?, updated_at = ?
            WHERE id = ? AND status = 'pending' AND expires_at > ?""";
    /** CLAIM found by the claim code's hash: the widget's claim in one statement, no read before it. */
    static final String CLAIM_BY_CODE = """
            UPDATE links SET status = 'claimed', claimed_at = ?, updated_at = ?
            WHERE claim_code_hash = ? AND status = 'pending' AND expires_at > ?""";
    /** The user consented to what one institution would do: another one needs consent again. */
    static final String SELECT_INTEGRATION = """
            UPDATE links SET integration_id = ?, operations = ?, progress = ?, consented = FALSE, updated_at = ?
            WHERE id = ? AND status = 'claimed' AND integration_fixed = FALSE""";
    static final String CONSENT = """
            UPDATE links SET consented = TRUE, updated_at = ?
            WHERE id = ? AND status = 'claimed' AND integration_id IS NOT NULL""";
    static final String BEGIN_LOGIN = """
            UPDATE links SET status = 'authenticating', error_code = NULL, error_message = NULL, error_retryable = FALSE,
                lease_owner = ?, lease_until = ?, sweep_at = ?, updated_at = ?
            WHERE id = ? AND status = ? AND integration_id = ? AND expires_at > ?""";
    static final String MFA_REQUIRED = """
            UPDATE links SET status = 'mfa_required', mfa_challenge = ?, connector_state_encrypted = ?, error_code = ?,
                error_message = ?, error_retryable = ?, mfa_attempts_left = ?, lease_owner = NULL, lease_until = NULL,
                sweep_at = expires_at, updated_at = ?
            WHERE id = ? AND status = 'authenticating'""";
    static final String LOGIN_RETRY = """
            UPDATE links SET status = 'claimed', attempts_left = ?, error_code = ?, error_message = ?,
                error_retryable = TRUE, lease_owner = NULL, lease_until = NULL, sweep_at = expires_at, updated_at = ?
            WHERE id = ? AND status = 'authenticating'""";
    static final String RUNNING = """
            UPDATE links SET status = 'running', progress = ?, mfa_challenge = NULL, connector_state_encrypted = NULL,
                error_code = NULL, error_message = NULL, error_retryable = FALSE, updated_at = ?
            WHERE id = ? AND status = 'authenticating'""";
    static final String PROGRESS = """
            UPDATE links SET progress = ?, updated_at = ? WHERE id = ? AND status = 'running'""";
    /** From running, or straight from authenticating when a quick run's login and operations are written together. */
    static final String COMPLETE = """
            UPDATE links SET status = 'completed', progress = ?, result_encrypted = ?, mfa_challenge = NULL,
                connector_state_encrypted = NULL, error_code = NULL, error_message = NULL, error_retryable = FALSE,
                lease_owner = NULL, lease_until = NULL, sweep_at = NULL, finished_at = ?, updated_at = ?
            WHERE id = ? AND status = ?""";
    static final String FAIL = """
            UPDATE links SET status = 'failed', progress = ?, error_code = ?, error_message = ?, error_retryable = FALSE,
                mfa_challenge = NULL, connector_state_encrypted = NULL, lease_owner = NULL, lease_until = NULL,
                sweep_at = NULL, finished_at = ?, updated_at = ?
            WHERE id = ? AND status = ?""";
    static final String FAIL_LAPSED = """
            UPDATE links SET status = 'failed', error_code = ?, error_message = ?, error_retryable = FALSE,
                mfa_challenge = NULL, connector_state_encrypted = NULL, lease_owner = NULL, lease_until = NULL,
                sweep_at = NULL, finished_at = ?, updated_at = ?
            WHERE id = ? AND status IN ('authenticating', 'running') AND lease_until < ?""";
    static final String CANCEL = """
            UPDATE links SET status = 'canceled', mfa_challenge = NULL, connector_state_encrypted = NULL,
                lease_owner = NULL, lease_until = NULL, sweep_at = NULL, finished_at = ?, updated_at = ?
            WHERE id = ? AND status IN """ + NON_TERMINAL;
    static final String EXPIRE = """
            UPDATE links SET status = 'expired', mfa_challenge = NULL, connector_state_encrypted = NULL,
                lease_owner = NULL, lease_until = NULL, sweep_at = NULL, finished_at = ?, updated_at = ?
            WHERE id = ? AND expires_at <= ? AND status IN """ + EXPIRABLE;
    private static final String DUE_FOR_EXPIRY = "SELECT id FROM links WHERE sweep_at <= ? AND status IN "
            + EXPIRABLE + " ORDER BY sweep_at LIMIT ?";
    private static final String LAPSED = """
            SELECT id FROM links WHERE sweep_at < ? AND status IN ('authenticating', 'running')
            ORDER BY sweep_at LIMIT ?""";
    /** Ids per lease-renewal statement: within any driver's parameter limit, and a short row-lock hold. */
    static final int LEASE_BATCH = 500;
    private static final String DELETE_RESULTS = """
            UPDATE links SET result_encrypted = NULL, arguments_encrypted = NULL, connector_state_encrypted = NULL,
                mfa_challenge = NULL
            WHERE tenant_id = ? AND ((user_id IS NOT NULL AND user_id = ?)
                OR (external_user_id IS NOT NULL AND external_user_id = ?))""";

    private static final TypeReference<List<LinkOperation>> OPERATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final BatchedWrites batched;
    private final JsonMapper json;

    JdbcLinkRepository(JdbcClient jdbc, JdbcTemplate template, BatchedWrites batched, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.batched = batched;
        this.json = json;
    }

    /** Through {@link BatchedWrites}: with the other links of a group when called in a {@code GroupTransaction}. */
    void insert(Link link, String argumentsCiphertext, String claimCodeHash) {
        batched.update(INSERT, insertParams(link, argumentsCiphertext, claimCodeHash));
    }

    /** Written at once, for a link the same transaction goes on to change (a session's link, claimed as it is made). */
    void insertNow(Link link, String argumentsCiphertext) {
        template.update(INSERT, insertParams(link, argumentsCiphertext, null));
    }

    private Object[] insertParams(Link link, String argumentsCiphertext, String claimCodeHash) {
        return new Object[] {link.id(), link.tenantId(), link.mode().name(), link.integrationId(),
                link.integrationFixed(), json.writeValueAsString(link.operations()), argumentsCiphertext,
                link.webhookUrl(), link.returnUrl(), link.externalUserId(), link.userId(), link.linkTokenId(),
                link.endUserId(), link.orgName(), link.language(), link.debug(), link.forLogin(), claimCodeHash,
                link.publicBase(),
                link.status().lower(), json.writeValueAsString(link.progress()), link.attemptsLeft(),
                link.mfaAttemptsLeft(), utc(link.createdAt()), utc(link.createdAt()), utc(link.expiresAt()),
                utc(link.expiresAt())};
    }

    Optional<Link> find(String id) {
        return jdbc.sql(FIND).param(id).query(this::map).optional();
    }

    /** The link a session credential acts on, read with the credential's expiry in one query. */
    Optional<SessionLink> findBySession(String tokenHash) {
        return jdbc.sql(FIND_BY_SESSION).param(tokenHash)
                .query((rs, row) -> new SessionLink(map(rs, row), instant(rs, "session_expires_at"))).optional();
    }

    /** The link whose claim code hashes to {@code hash}, with that stored hash for a constant-time check. */
    Optional<ClaimMatch> findByClaimHash(String hash) {
        return jdbc.sql(FIND_BY_CLAIM).param(hash)
                .query((rs, row) -> new ClaimMatch(map(rs, row), rs.getString("claim_code_hash"))).optional();
    }

    record ClaimMatch(Link link, String storedHash) {
    }

    List<Link> list(String tenantId, Mode mode, LinkStatus status, String externalUserId, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder(LIST);
        List<Object> params = new ArrayList<>(List.of(tenantId, mode.name()));
        if (status != null) {
            sql.append(LIST_STATUS);
            params.add(status.lower());
        }
        if (externalUserId != null) {
            sql.append(LIST_EXTERNAL_USER);
            params.add(externalUserId);
        }
        if (after != null) {
            OffsetDateTime afterTime = utc(Instant.ofEpochMilli(after.createdAtMillis()));
            sql.append(LIST_AFTER);
            params.addAll(List.of(afterTime, afterTime, after.id()));
        }
        sql.append(LIST_ORDER);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    List<Link> listForUser(String tenantId, String userId, String externalUserId) {
        return jdbc.sql(LIST_FOR_USER).params(tenantId, userId, externalUserId).query(this::map).list();
    }

    String result(String id) {
        return jdbc.sql(RESULT).param(id).query(String.class).optional().orElse(null);
    }

    String connectorState(String id) {
        return jdbc.sql(CONNECTOR_STATE).param(id).query(String.class).optional().orElse(null);
    }

    /**
     * Runs one of the conditional UPDATEs above: the link as it now is when this caller made the
     * change, empty when it did not. The changed row comes back with the update (JDBC's generated
     * keys, asked for by column: PostgreSQL's driver adds a RETURNING clause, H2 returns the row),
     * so a state change is one round trip, not an UPDATE and a SELECT.
     */
    Optional<Link> change(String sql, Object... params) {
        return change(sql, RETURNED, this::map, params);
    }

    /**
     * {@link #change} that also hands back the operations' sealed arguments: the run needs them
     * once, and reads them with the change that begins its login rather than in a query of their own.
     */
    Optional<StartedRun> changeStartingRun(String sql, Object... params) {
        return change(sql, RETURNED_WITH_ARGUMENTS,
                (rs, row) -> new StartedRun(map(rs, row), rs.getString("arguments_encrypted")), params);
    }

    private <T> Optional<T> change(String sql, String[] returned, RowMapper<T> mapper, Object... params) {
        Object[] bound = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            bound[i] = params[i] instanceof Instant instant ? utc(instant) : params[i];
        }
        Optional<T> changed = template.execute((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement(sql, returned);
            new ArgumentPreparedStatementSetter(bound).setValues(statement);
            return statement;
        }, (PreparedStatement statement) -> {
            if (statement.executeUpdate() != 1) {
                return Optional.empty();
            }
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    // Changed but not handed back: fail (and roll back) rather than tell the caller it lost the race.
                    throw new IllegalStateException("The database changed a link but did not return the changed row");
                }
                return Optional.of(mapper.mapRow(keys, 0));
            }
        });
        return changed == null ? Optional.empty() : changed;
    }

    List<String> dueForExpiry(Instant now, int limit) {
        return jdbc.sql(DUE_FOR_EXPIRY).params(utc(now), limit).query(String.class).list();
    }

    List<String> lapsed(Instant now, int limit) {
        return jdbc.sql(LAPSED).params(utc(now), limit).query(String.class).list();
    }

    // One UPDATE per run every heartbeat was 10,000 statements every 10 s with 10,000 runs waiting
    // on an institution, competing for the pool with the runs themselves.
    //
    // The rows are locked first, skipping those locked now: a run's own state changes commit in
    // group transactions, each holding several links' rows, and a renewal that waited for one of
    // those rows while holding others deadlocked with them (PostgreSQL resolves that after its
    // deadlock_timeout, a one-second stall of every run in the group, several times a minute). A
    // row skipped is one its run is changing at that moment, so the run is alive; the next
    // heartbeat renews it, long before the lease ends.
    @Transactional
    int renewLeases(List<String> linkIds, String owner, Instant until) {
        int renewed = 0;
        for (int from = 0; from < linkIds.size(); from += LEASE_BATCH) {
            List<String> batch = linkIds.subList(from, Math.min(linkIds.size(), from + LEASE_BATCH));
            List<Object> params = new ArrayList<>(batch.size() + 1);
            params.add(owner);
            params.addAll(batch);
            List<String> locked = jdbc.sql("SELECT id FROM links WHERE lease_owner = ? AND status IN ('authenticating', 'running')"
                    + " AND id IN (" + placeholders(batch.size()) + ") FOR UPDATE SKIP LOCKED").params(params)
                    .query(String.class).list();
            if (locked.isEmpty()) {
                continue;
            }
            List<Object> update = new ArrayList<>(locked.size() + 2);
            update.add(utc(until));
            update.add(utc(until));
            update.addAll(locked);
            renewed += jdbc.sql("UPDATE links SET lease_until = ?, sweep_at = ? WHERE id IN (" + placeholders(locked.size()) + ")")
                    .params(update).update();
        }
        return renewed;
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    int deleteResults(String tenantId, String userId, String externalUserId) {
        return jdbc.sql(DELETE_RESULTS).params(tenantId, userId, externalUserId).update();
    }

    String toJson(Object value) {
        return json.writeValueAsString(value);
    }

    private Link map(ResultSet rs, int row) throws SQLException {
        String errorCode = rs.getString("error_code");
        LinkError error = errorCode == null ? null
                : new LinkError(errorCode, rs.getString("error_message"), rs.getBoolean("error_retryable"));
        return new Link(rs.getString("id"), rs.getString("tenant_id"), Mode.valueOf(rs.getString("mode")),
                rs.getString("integration_id"), rs.getBoolean("integration_fixed"),
                json.readValue(rs.getString("operations"), OPERATIONS), rs.getString("webhook_url"),
                rs.getString("return_url"), rs.getString("external_user_id"), rs.getString("user_id"),
                rs.getString("link_token_id"), rs.getString("end_user_id"), rs.getString("org_name"),
                rs.getString("language"), rs.getBoolean("debug"), rs.getBoolean("for_login"),
                LinkStatus.parse(rs.getString("status")), error,
                json.readValue(rs.getString("progress"), STRINGS), rs.getInt("attempts_left"),
                rs.getInt("mfa_attempts_left"), rs.getBoolean("consented"), rs.getString("mfa_challenge"),
                rs.getString("public_base"), rs.getString("lease_owner"), instant(rs, "lease_until"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "expires_at"),
                instant(rs, "claimed_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

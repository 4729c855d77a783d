package io.linkport.sessions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Renews the leases of the runs this node is working on, many per statement: one UPDATE per
 * run every heartbeat was 10,000 statements every 10 s with 10,000 runs waiting on an
 * institution, competing for the pool with the runs themselves. Only the runs named are renewed
 * (never "every link leased to this node"), so a run that died without clearing its lease
 * still lapses and is failed by the sweeper.
 */
@Repository
class JdbcLeaseRepository {

    /** Ids per statement: small enough for any driver's parameter limit and a short row-lock hold. */
    static final int BATCH = 500;

    private final JdbcClient jdbc;

    JdbcLeaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Extends to {@code until} the leases {@code owner} still holds among {@code linkIds}; how many it extended. */
    int renew(List<String> linkIds, String owner, Instant until) {
        int renewed = 0;
        for (int from = 0; from < linkIds.size(); from += BATCH) {
            List<String> batch = linkIds.subList(from, Math.min(linkIds.size(), from + BATCH));
            String sql = "UPDATE links SET lease_until = ? WHERE lease_owner = ? AND status IN ('authenticating', 'running')"
                    + " AND id IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")";
            List<Object> params = new ArrayList<>(batch.size() + 2);
            params.add(until.atOffset(ZoneOffset.UTC));
            params.add(owner);
            params.addAll(batch);
            renewed += jdbc.sql(sql).params(params).update();
        }
        return renewed;
    }
}

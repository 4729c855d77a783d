package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.linkport.testing.PostgresPlans;
import io.linkport.testing.ServerTest;
import io.linkport.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher claims each due delivery with a one-row conditional UPDATE. Through the due
 * index (on PostgreSQL: next_attempt_at of the pending rows) that update would scan every pending
 * row, so a backlog of N would cost N² (seen: a 20,000-delivery drain fell from 1,100/s to 137/s).
 * The generic plan — what a prepared statement ends up with — must find the row by its primary
 * key even while PostgreSQL's statistics are stale.
 */
class DeliveryClaimPlanTest extends ServerTest {

    @Test
    void claimWhenStatisticsStaleThenPrimaryKeyLookup() throws Exception {
        assumeThat(TestDatabase.postgres()).as("a PostgreSQL planner property").isTrue();

        String plan = PostgresPlans.genericPlan(JdbcDeliveryRepository.CLAIM, "'node'", "now()", "'whd_x'", "0", "now()");

        assertThat(plan).contains("webhook_deliveries_pkey").doesNotContain("webhook_deliveries_due");
    }

    /** Only pending deliveries are in the due index: a delivered one writes no entry there (V11_1). */
    @Test
    void dueIndexWhenMigratedThenOnlyPendingDeliveries() {
        assumeThat(TestDatabase.postgres()).as("partial indexes are PostgreSQL's").isTrue();

        String due = jdbc.sql("SELECT pg_get_indexdef('webhook_deliveries_due'::regclass)")
                .query(String.class).single();

        assertThat(due).contains("(next_attempt_at)").contains("WHERE ((status)::text = 'pending'::text)");
    }
}

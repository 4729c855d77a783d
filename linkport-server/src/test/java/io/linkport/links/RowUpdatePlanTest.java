package io.linkport.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.linkport.testing.PostgresPlans;
import io.linkport.testing.ServerTest;
import io.linkport.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A link's state changes are one-row updates by id with a status condition. PostgreSQL must find
 * the row by its primary key even while its statistics are stale (a fresh or never-analysed
 * table), not through another index that one of its conditions names: that would scan every link
 * that index holds per update. Checked on the generic plan, which is what a prepared statement
 * ends up with.
 */
class RowUpdatePlanTest extends ServerTest {

    @Test
    void claimWhenStatisticsStaleThenPrimaryKeyLookup() throws Exception {
        assumeThat(TestDatabase.postgres()).as("a PostgreSQL planner property").isTrue();

        String plan = PostgresPlans.genericPlan(JdbcLinkRepository.CLAIM, "now()", "now()", "'lnk_x'", "now()");

        assertThat(plan).contains("Index Scan using links_pkey");
    }
}

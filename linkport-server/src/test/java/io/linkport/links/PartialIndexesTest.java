package io.linkport.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.linkport.testing.ServerTest;
import io.linkport.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the links' user indexes hold only links that have a user, and the sweeper's index
 * only links that have a sweep_at (V11_1): a link made without a user writes no entry for NULL on
 * its insert and on each non-HOT update, and a finished link none at all. Every lookup through them
 * compares the column with a value ({@code user_id = ?}, {@code sweep_at <= ?}), which PostgreSQL
 * knows to imply the indexes' {@code IS NOT NULL}; UsersApiTest, LinksApiTest and LinkExpiryTest
 * cover those lookups.
 */
class PartialIndexesTest extends ServerTest {

    @Test
    void indexesWhenMigratedThenOnlyLinksWithTheValue() {
        assumeThat(TestDatabase.postgres()).as("partial indexes are PostgreSQL's").isTrue();

        String user = definition("links_user");
        String external = definition("links_external_user");
        String sweep = definition("links_sweep");

        assertThat(user).contains("(tenant_id, user_id)").contains("WHERE (user_id IS NOT NULL)");
        assertThat(external).contains("(tenant_id, external_user_id)")
                .contains("WHERE (external_user_id IS NOT NULL)");
        assertThat(sweep).contains("(sweep_at)").contains("WHERE (sweep_at IS NOT NULL)");
    }

    private String definition(String index) {
        return jdbc.sql("SELECT pg_get_indexdef(?::regclass)").param(index).query(String.class).single();
    }
}

package io.linkport.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.linkport.testing.ServerTest;
import io.linkport.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the links' user indexes hold only links that have a user (V11_1): a link made
 * without one writes no entry for NULL on its insert and on each non-HOT update. Every lookup by
 * user compares the column with a value ({@code user_id = ?}), which PostgreSQL knows to imply the
 * indexes' {@code IS NOT NULL}; UsersApiTest and LinksApiTest cover those lookups.
 */
class UserIndexesTest extends ServerTest {

    @Test
    void userIndexesWhenMigratedThenOnlyLinksWithAUser() {
        assumeThat(TestDatabase.postgres()).as("partial indexes are PostgreSQL's").isTrue();

        String user = jdbc.sql("SELECT pg_get_indexdef('links_user'::regclass)").query(String.class).single();
        String external = jdbc.sql("SELECT pg_get_indexdef('links_external_user'::regclass)").query(String.class).single();

        assertThat(user).contains("(tenant_id, user_id)").contains("WHERE (user_id IS NOT NULL)");
        assertThat(external).contains("(tenant_id, external_user_id)").contains("WHERE (external_user_id IS NOT NULL)");
    }
}

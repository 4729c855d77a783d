package io.linkport.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkport.testing.ServerTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/**
 * Events are keyed by their public id on both databases (V11_1): the index on seq, which no query
 * read, was one more index entry for every event written. seq still orders them for the cursors.
 */
class EventKeyTest extends ServerTest {

    private static final String INSERT = """
            INSERT INTO events (id, tenant_id, mode, type, version, link_id, end_user_id, data, created_at)
            VALUES (?, ?, 'SANDBOX', 'LINK_CREATED', 1, NULL, NULL, '{}', ?)""";

    @Test
    void primaryKeyWhenMigratedThenTheEventId() {
        List<String> columns = jdbc.sql("""
                SELECT k.column_name FROM information_schema.table_constraints c
                JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name
                    AND k.table_schema = c.table_schema AND k.table_name = c.table_name
                WHERE c.table_schema = CURRENT_SCHEMA AND c.table_name = 'events'
                  AND c.constraint_type = 'PRIMARY KEY'""")
                .query(String.class).list();

        assertThat(columns).containsExactly("id");
    }

    @Test
    void insertWhenIdTakenThenRefusedAndSeqStillOrdersTheOthers() {
        TestTenant tenant = newTenant("event-key");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql(INSERT).params("et_key_a", tenant.id(), now).update();
        jdbc.sql(INSERT).params("et_key_b", tenant.id(), now).update();

        assertThatThrownBy(() -> jdbc.sql(INSERT).params("et_key_a", tenant.id(), now).update())
                .isInstanceOf(DuplicateKeyException.class);
        List<String> inOrder = jdbc.sql("SELECT id FROM events WHERE tenant_id = ? ORDER BY seq").param(tenant.id())
                .query(String.class).list();
        assertThat(inOrder).containsExactly("et_key_a", "et_key_b");
    }
}

package io.linkport.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.linkport.testing.TestDatabase;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Which pools get multi-row INSERTs, and that a rewritten batch still writes all or nothing. */
class PostgresBatchInsertsTest {

    private static final String INSERT = "INSERT INTO batch_rows (id) VALUES (?)";

    @Test
    void onlyPostgresUrlsWithoutTheirOwnChoiceGetTheSetting() {
        assertThat(processed("jdbc:postgresql://127.0.0.1:5432/test").getDataSourceProperties())
                .containsEntry(PostgresBatchInserts.PROPERTY, "true");
        assertThat(processed("jdbc:h2:mem:x").getDataSourceProperties()).doesNotContainKey(PostgresBatchInserts.PROPERTY);
        assertThat(processed("jdbc:postgresql://db/x?rewritebatchedinserts=false").getDataSourceProperties())
                .doesNotContainKey(PostgresBatchInserts.PROPERTY);
        HikariDataSource chosen = new HikariDataSource();
        chosen.setJdbcUrl("jdbc:postgresql://db/x");
        chosen.addDataSourceProperty(PostgresBatchInserts.PROPERTY, "false");
        new PostgresBatchInserts().postProcessBeforeInitialization(chosen, "dataSource");
        assertThat(chosen.getDataSourceProperties()).containsEntry(PostgresBatchInserts.PROPERTY, "false");
    }

    @Test
    void onPostgresABatchOfInsertsGoesAsMultiRowInsertsAndAFailedOneWritesNothing() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL only");
        String url = System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        try (HikariDataSource pool = processed(url)) {
            pool.setUsername(System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_USER", "postgres"));
            pool.setPassword(System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_PASSWORD", ""));
            pool.setMaximumPoolSize(1);  // one connection: the temporary table is the connection's own
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TEMPORARY TABLE batch_rows (id INT PRIMARY KEY)");

            // the driver folds rows into multi-row INSERTs of 2ⁿ rows and reports their counts as unknown
            assertThat(jdbc.batchUpdate(INSERT, rows(1, 4))).containsOnly(Statement.SUCCESS_NO_INFO);
            assertThat(count(jdbc)).isEqualTo(4);

            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.batchUpdate(INSERT, List.of(
                    new Object[] {5}, new Object[] {6}, new Object[] {3}, new Object[] {7}))))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(count(jdbc)).isEqualTo(4);
        }
    }

    @Test
    void onH2ThePoolIsLeftAloneAndBatchesWork() {
        try (HikariDataSource pool = processed("jdbc:h2:mem:batch_inserts;DB_CLOSE_DELAY=-1")) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE batch_rows (id INT PRIMARY KEY)");
            assertThat(jdbc.batchUpdate(INSERT, rows(1, 3))).containsExactly(1, 1, 1);
            assertThat(count(jdbc)).isEqualTo(3);
        }
    }

    private static HikariDataSource processed(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return (HikariDataSource) new PostgresBatchInserts().postProcessBeforeInitialization(pool, "dataSource");
    }

    private static List<Object[]> rows(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(id -> new Object[] {id}).toList();
    }

    private static int count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM batch_rows", Integer.class);
    }
}

package io.linkport.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkport.testing.InMemoryH2;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On a real (H2) database: what is queued, when it is written, and in which order. */
class BatchedWritesTest {

    private final List<String> batchesRun = new ArrayList<>();
    private JdbcClient jdbc;
    private BatchedWrites batched;

    @BeforeEach
    void database() {
        DataSource dataSource = InMemoryH2.fresh("batched");
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE parents (id INT PRIMARY KEY)").update();
        jdbc.sql("CREATE TABLE children (parent_id INT NOT NULL REFERENCES parents (id))").update();
        batched = new BatchedWrites(new JdbcTemplate(dataSource) {
            @Override
            public int[] batchUpdate(String sql, List<? extends Object[]> batchArgs) {
                batchesRun.add(sql.substring(0, sql.indexOf(" (")) + " x" + batchArgs.size());
                return super.batchUpdate(sql, batchArgs);
            }
        });
    }

    @Test
    void updateOutsideCollectThenWrittenAtOnce() {
        batched.update("INSERT INTO parents (id) VALUES (?)", 1);
        assertThat(count("parents")).isEqualTo(1);
        assertThat(batchesRun).isEmpty();
    }

    @Test
    void collectThenWritesWaitForTheEndAndRunAsOneBatchPerStatementInTheOrderFirstQueued() {
        int seenInside = batched.collect(() -> {
            for (int id = 1; id <= 3; id++) {
                batched.update("INSERT INTO parents (id) VALUES (?)", id);
                batched.update("INSERT INTO children (parent_id) VALUES (?)", id);
            }
            return count("parents");
        });
        assertThat(seenInside).isZero();
        assertThat(count("parents")).isEqualTo(3);
        assertThat(count("children")).isEqualTo(3);
        assertThat(batchesRun).containsExactly("INSERT INTO parents x3", "INSERT INTO children x3");
    }

    @Test
    void collectNestedThenJoinsTheOuterOne() {
        batched.collect(() -> {
            batched.update("INSERT INTO parents (id) VALUES (?)", 1);
            batched.collect(() -> {
                batched.update("INSERT INTO parents (id) VALUES (?)", 2);
                return null;
            });
            assertThat(count("parents")).as("the inner collect did not flush on its own").isZero();
            return null;
        });
        assertThat(batchesRun).containsExactly("INSERT INTO parents x2");
    }

    @Test
    void collectWhenTheWorkFailsThenNothingQueuedIsWritten() {
        assertThatThrownBy(() -> batched.collect(() -> {
            batched.update("INSERT INTO parents (id) VALUES (?)", 1);
            throw new IllegalStateException("the work fails");
        })).hasMessage("the work fails");
        assertThat(count("parents")).isZero();
        batched.update("INSERT INTO parents (id) VALUES (?)", 2);
        assertThat(count("parents")).as("the next write, outside collect, is not queued").isEqualTo(1);
    }

    @Test
    void collectWhenAQueuedWriteFailsThenTheFailureSurfacesFromCollect() {
        assertThatThrownBy(() -> batched.collect(() -> {
            batched.update("INSERT INTO children (parent_id) VALUES (?)", 42);
            return "never returned";
        })).isInstanceOf(DataIntegrityViolationException.class);
    }

    private int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }
}

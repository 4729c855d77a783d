package io.linkport.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import io.linkport.testing.InMemoryH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** On a real (H2) database and transaction manager: a value is read once per transaction, never across. */
class PerTransactionTest {

    private final PerTransaction<String, Long> perTransaction = new PerTransaction<>();
    private final AtomicInteger loads = new AtomicInteger();
    private JdbcClient jdbc;
    private TransactionTemplate tx;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = InMemoryH2.fresh("per_tx");
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE endpoints (tenant VARCHAR(10))").update();
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private long count(String tenant) {
        return perTransaction.get(tenant, key -> {
            loads.incrementAndGet();
            return jdbc.sql("SELECT COUNT(*) FROM endpoints WHERE tenant = ?").param(key).query(Long.class).single();
        });
    }

    @Test
    void sameKeyTwiceInOneTransactionThenReadOnce() {
        tx.executeWithoutResult(status -> {
            assertThat(count("a")).isZero();
            assertThat(count("a")).isZero();
            assertThat(count("b")).isZero();
        });
        assertThat(loads).hasValue(2);
    }

    @Test
    void nextTransactionThenReadAgainAndSeesWhatOthersCommitted() {
        tx.executeWithoutResult(status -> assertThat(count("a")).isZero());
        jdbc.sql("INSERT INTO endpoints VALUES ('a')").update();
        tx.executeWithoutResult(status -> assertThat(count("a")).isEqualTo(1));
        assertThat(loads).hasValue(2);
    }

    @Test
    void forgetAfterOwnWriteThenTransactionSeesItsWrite() {
        tx.executeWithoutResult(status -> {
            assertThat(count("a")).isZero();
            jdbc.sql("INSERT INTO endpoints VALUES ('a')").update();
            perTransaction.forget();
            assertThat(count("a")).isEqualTo(1);
        });
        assertThat(loads).hasValue(2);
    }

    @Test
    void rolledBackTransactionThenNothingItReadIsKept() {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO endpoints VALUES ('a')").update();
            assertThat(count("a")).isEqualTo(1);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        tx.executeWithoutResult(status -> assertThat(count("a")).isZero());
        assertThat(loads).hasValue(2);
    }

    @Test
    void outsideATransactionThenEveryCallReads() {
        count("a");
        count("a");
        assertThat(loads).hasValue(2);
    }
}

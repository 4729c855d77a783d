package io.linkport.common;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import io.linkport.testing.InMemoryH2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema migration on its own thread, against a real H2 database and real Flyway. */
class BackgroundMigrationTest {

    private final BackgroundMigration migration = new BackgroundMigration();

    @Test
    void connectionsWaitUntilTheMigrationHasFinishedAndThenSeeTheWholeSchema() throws Exception {
        DataSource dataSource = gated(h2());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch migrationStarted = new CountDownLatch(1);
        migration.migrate(flyway(dataSource, "ok", holdBeforeMigrating(migrationStarted, release)));
        assertThat(migrationStarted.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> countWidgets(dataSource));
        // The migration is held before its first statement: the reader must still be waiting for it.
        Thread.sleep(300);
        assertThat(reader).isNotDone();

        release.countDown();
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        migration.afterSingletonsInstantiated(); // returns: the schema is complete
    }

    @Test
    void aFailedMigrationFailsTheStartAndEveryConnection() {
        DataSource dataSource = gated(h2());
        migration.migrate(flyway(dataSource, "broken", null));

        assertThatThrownBy(migration::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The database schema migration failed")
                .hasCauseInstanceOf(FlywayException.class);
        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessage("The database schema migration failed");
    }

    @Test
    void withoutAMigrationConnectionsAreHandedOutAtOnce() throws Exception {
        DataSource dataSource = gated(h2());
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(5)).isTrue();
        }
        migration.afterSingletonsInstantiated();
    }

    @Test
    void closingTheGatedDataSourceClosesThePool() throws Exception {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(h2());
        DataSource dataSource = gated(pool);
        migration.migrate(flyway(dataSource, "ok", null));
        migration.afterSingletonsInstantiated();
        assertThat(countWidgets(dataSource)).isEqualTo(1);

        ((AutoCloseable) dataSource).close();

        assertThat(pool.isClosed()).isTrue();
        assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(pool);
    }

    @Test
    void closingWhileTheMigrationRunsLetsItFinishFirst() throws Exception {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(h2());
        DataSource dataSource = gated(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch migrationStarted = new CountDownLatch(1);
        migration.migrate(flyway(dataSource, "ok", holdBeforeMigrating(migrationStarted, release)));
        assertThat(migrationStarted.await(30, TimeUnit.SECONDS)).isTrue();

        // as when another bean fails the start and the context closes
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                ((AutoCloseable) dataSource).close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(closing).isNotDone();
        assertThat(pool.isClosed()).isFalse();

        release.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThat(pool.isClosed()).isTrue();
        // the in-memory database outlives the pool: read it directly
        assertThat(countWidgets(pool.getDataSource())).as("the migration ran to its end").isEqualTo(1);
    }

    private DataSource gated(DataSource target) {
        Object processed = migration.postProcessAfterInitialization(target, "dataSource");
        assertThat(processed).isNotSameAs(target).isInstanceOf(DataSource.class);
        // wrapped once only, however often it is post-processed
        assertThat(migration.postProcessAfterInitialization(processed, "dataSource")).isSameAs(processed);
        return (DataSource) processed;
    }

    private static DataSource h2() {
        return InMemoryH2.fresh("background_migration");
    }

    private static Flyway flyway(DataSource dataSource, String migrations, Callback callback) {
        var configuration = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/background-migration/" + migrations);
        if (callback != null) {
            configuration.callbacks(callback);
        }
        return configuration.load();
    }

    private static Callback holdBeforeMigrating(CountDownLatch started, CountDownLatch release) {
        return new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public String getCallbackName() {
                return "hold";
            }
        };
    }

    private static int countWidgets(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM widgets")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

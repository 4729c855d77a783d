package io.linkport.common;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Runs the schema migration on a thread of its own while the rest of the server starts: run in
 * line, Flyway held up every bean that uses the database - most of them, though none but a few
 * touch it while starting.
 * <p>
 * Nothing sees a half-migrated schema: while the migration runs, every connection asked of the
 * data source by any other thread waits for it to finish, and the context does not finish
 * starting - so the server takes no request - until it has. A failed migration fails the start,
 * as it did in line.
 */
@Component
final class BackgroundMigration implements FlywayMigrationStrategy, BeanPostProcessor, SmartInitializingSingleton {

    private volatile StartupTask migration;

    @Override
    public void migrate(Flyway flyway) {
        migration = StartupTask.start("linkport-migration", flyway::migrate);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof MigratedDataSource)
                ? new MigratedDataSource(dataSource) : bean;
    }

    /** The last moment before the server starts taking requests: the schema must be complete by now. */
    @Override
    public void afterSingletonsInstantiated() {
        awaitMigration();
    }

    private void awaitMigration() {
        StartupTask task = migration;
        if (task == null || task.runsOnCurrentThread()) {
            return; // no migration started (Flyway switched off), or this is the migration asking
        }
        task.await("The database schema migration failed");
    }

    /**
     * The data source everyone else gets: a connection only once the schema is migrated. Closeable,
     * so the pool is still closed when the context stops (Spring infers the destroy method from
     * the bean it exposes, which is this one).
     */
    private final class MigratedDataSource extends DelegatingDataSource implements AutoCloseable {

        MigratedDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            awaitSchema();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            awaitSchema();
            return super.getConnection(username, password);
        }

        private void awaitSchema() throws SQLException {
            try {
                awaitMigration();
            } catch (IllegalStateException failed) {
                throw new SQLException(failed.getMessage(), failed.getCause());
            }
        }

        /**
         * A start that fails elsewhere closes the context while the migration may still be
         * running; closing the pool under it could leave a schema half-changed on a database
         * whose DDL is not transactional (H2). The migration is let finish first.
         */
        @Override
        public void close() throws Exception {
            try {
                awaitMigration();
            } catch (IllegalStateException failedAlready) {
                // nothing is running any more; close as usual
            }
            if (getTargetDataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
        }
    }
}

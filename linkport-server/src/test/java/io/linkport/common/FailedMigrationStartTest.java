package io.linkport.common;

import io.linkport.LinkportApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The migration runs beside the rest of the start ({@link BackgroundMigration}), but a migration
 * that fails still fails the whole start: the server never comes up on a half-migrated schema.
 */
class FailedMigrationStartTest {

    @Test
    void aServerWhoseMigrationFailsDoesNotStart() throws Exception {
        Path dataDir = Files.createTempDirectory("linkport-failed-migration-");
        // Command-line arguments: they outrank application.yml, as the README's start does.
        String[] args = {
            "--server.port=0",
            "--linkport.data-dir=" + dataDir,
            "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            // the real migrations, then one that cannot run
            "--spring.flyway.locations=classpath:db/migration,classpath:db/background-migration/broken-after-v9"};

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LinkportApplication.class).run(args));

        assertThat(failure).hasMessage("The database schema migration failed")
                .rootCause().hasMessageContaining("THIS IS NOT SQL");
    }
}

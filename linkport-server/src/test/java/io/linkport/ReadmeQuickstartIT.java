package io.linkport;

import io.linkport.testing.Api;
import io.linkport.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise, on the packaged build started by the README's own first command (its java
 * arguments are read from README.md): started with nothing configured, the server creates
 * an H2 database under ./data, prints a sandbox key once and writes it to data/bootstrap-secret
 * (owner-only), and the quickstart curl returns a link token that verifies against the JWKS.
 */
class ReadmeQuickstartIT {

    @org.junit.jupiter.api.BeforeAll
    static void onlyInTheH2Pass() {
        org.junit.jupiter.api.Assumptions.assumeFalse(io.linkport.testing.TestDatabase.postgres(),
                "the README quickstart runs on the embedded H2 default; it runs in the H2 pass");
    }


    @Test
    void freshStartWithNothingConfiguredThenQuickstartWorks(@TempDir Path workDir) throws Exception {
        try (ServerProcess server = ServerProcess.startAsReadme(workDir, Map.of())) {
            Duration startup = server.awaitReady(Duration.ofMinutes(3));

            Path secretFile = workDir.resolve("data/bootstrap-secret");
            assertThat(secretFile).exists();
            assertThat(Files.getPosixFilePermissions(secretFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(workDir.resolve("data")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("linkport"));
            String secret = Files.readString(secretFile).trim();
            assertThat(secret).startsWith("sk_sandbox_");
            assertThat(countOccurrences(server.log(), secret)).as("secret printed exactly once").isEqualTo(1);

            Api api = server.api();
            Api.Response response = api.post("/v1/link_tokens",
                    Map.of("org_name", "YOUR APP NAME", "required_jobs", List.of("employment", "income"),
                            "end_user_id", "YOUR INTERNAL ID FOR THIS USER"),
                    Api.secret(secret));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode data = response.json().get("data");
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                            new JsonWebKeySet(api.get("/.well-known/jwks.json").text()).getJsonWebKeys()))
                    .setExpectedAudience("linkport-widget")
                    .build()
                    .processToClaims(data.get("token").asString());
            assertThat(claims.getJwtId()).isEqualTo(data.get("id").asString());

            Thread.sleep(3_000);
            assertThat(server.log()).as("the start-up garbage is collected once the server is ready")
                    .containsPattern("Start-up garbage collected in \\d+ ms: heap committed \\d+ MiB -> \\d+ MiB");
            System.out.printf("[quickstart] start-up to readiness: %d ms, idle RSS: %d MiB (JDK %s)%n",
                    startup.toMillis(), server.rssKib() / 1024, System.getProperty("java.version"));
        }
    }

    @Test
    void restartOnSameDataThenSameKeyStillWorksAndNoSecondBootstrap(@TempDir Path workDir) throws Exception {
        String secret;
        try (ServerProcess first = ServerProcess.startAsReadme(workDir, Map.of())) {
            first.awaitReady(Duration.ofMinutes(3));
            secret = Files.readString(workDir.resolve("data/bootstrap-secret")).trim();
        }
        try (ServerProcess second = ServerProcess.startAsReadme(workDir, Map.of())) {
            second.awaitReady(Duration.ofMinutes(3));
            assertThat(Files.readString(workDir.resolve("data/bootstrap-secret")).trim()).isEqualTo(secret);
            Api.Response response = second.api().post("/v1/link_tokens",
                    Map.of("org_name", "A", "required_jobs", List.of("income"), "end_user_id", "u"), Api.secret(secret));
            assertThat(response.status()).isEqualTo(200);
        }
    }

    /**
     * The fast start's archive (made by 'package') is one this JVM can map: with -Xshare:on the JVM
     * refuses to start rather than silently running without it.
     */
    @Test
    void readmeStartThenUsesTheArchiveMadeByPackage(@TempDir Path workDir) throws Exception {
        List<String> arguments = ServerProcess.readmeJavaArguments();
        String archiveOption = arguments.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .orElseThrow(() -> new AssertionError("the README's command names no archive: " + arguments));
        assertThat(Path.of(archiveOption.substring(archiveOption.indexOf('=') + 1))).isRegularFile();
        try (ServerProcess server = ServerProcess.startAsReadme(workDir, Map.of(), "-Xshare:on")) {
            server.awaitReady(Duration.ofMinutes(3));
            assertThat(server.api().get("/.well-known/jwks.json").status()).isEqualTo(200);
            assertThat(server.log()).as("the README's start uses the bean definitions Spring AOT computed in 'package'")
                    .contains("Starting AOT-processed LinkportApplication")
                    .doesNotContain("starting without the precomputed (AOT) bean definitions");
        }
    }

    /**
     * The build's training start (linkport-server/pom.xml): under the README's AOT start it
     * sends itself its first requests, each answered as expected, and exits 0. Run here with whatever
     * JDK runs the tests, without recording an archive.
     */
    @Test
    void trainingStartThenServesItselfItsFirstRequestsAndExitsZero(@TempDir Path workDir) throws Exception {
        ServerProcess training = ServerProcess.startAsReadme(workDir, Map.of(), "-Dlinkport.training=true");
        try {
            assertThat(training.awaitExit(Duration.ofMinutes(3))).as(training.log()).isZero();
            assertThat(training.log()).contains("Starting AOT-processed LinkportApplication")
                    .contains("Training start: served its first requests; exiting")
                    .contains("GET /v1/whoami 200").contains("POST /v1/links 201").contains("POST /v1/links 400");
            if (Runtime.version().feature() >= 25) {
                assertThat(training.log()).contains("POST /v1/link_tokens 200");
            }
        } finally {
            training.close();
        }
    }

    /**
     * The operator's re-encryption command is a property, not a bean condition, so it works under
     * the README's AOT start too: it re-seals the vault and exits 0 instead of serving.
     */
    @Test
    void readmeStartWithReencryptFlagThenReencryptsAndExits(@TempDir Path workDir) throws Exception {
        try (ServerProcess server = ServerProcess.startAsReadme(workDir, Map.of())) {
            server.awaitReady(Duration.ofMinutes(3));
        }
        ServerProcess command = ServerProcess.startAsReadme(workDir, Map.of(), "-Dlinkport.reencrypt=true");
        try {
            assertThat(command.awaitExit(Duration.ofMinutes(3))).as(command.log()).isZero();
            assertThat(command.log()).contains("Starting AOT-processed LinkportApplication")
                    .containsPattern("Vault re-encryption under key \\S+: \\d+ re-sealed, 0 unreadable");
        } finally {
            command.close();
        }
    }

    @Test
    void productionModeWithoutMasterKeyThenRefusesToStart(@TempDir Path workDir) throws Exception {
        ServerProcess server = ServerProcess.start(workDir, Map.of("LINKPORT_MODE", "production",
                "LINKPORT_PUBLIC_URL", "https://linkport.example.com", "LINKPORT_ADMIN_KEY", "ak_" + "x".repeat(40)));
        try {
            server.awaitReady(Duration.ofSeconds(60));
            throw new AssertionError("production mode started without a master key");
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains("LINKPORT_MASTER_KEY");
        } finally {
            server.close();
        }
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}

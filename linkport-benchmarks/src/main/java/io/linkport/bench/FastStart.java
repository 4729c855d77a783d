package io.linkport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's fast start, rebuilt for the harness's own JDK: the server jar extracted to plain
 * jars, and one training start that serves itself a new server's first requests, exits and records
 * what it loaded (a CDS archive before JDK 25, an AOT cache from 25). The build makes the same thing
 * in {@code linkport-server/target/linkport/} (linkport-server/pom.xml), but with the JDK that ran
 * Maven; an archive from another JDK is ignored by the JVM, so the harness makes its own. Both run
 * with Spring AOT's precomputed bean definitions ({@code -Dspring.aot.enabled=true}), which the
 * server uses only when the jar was built by the same JDK feature release as the harness runs on.
 */
final class FastStart {

    private static final String AOT = "-Dspring.aot.enabled=true";

    private FastStart() {
    }

    /** Extracts and trains in {@code dir}; returns the JVM arguments that launch the fast start. */
    static List<String> prepare(Path serverJar, String java, Path dir) throws IOException, InterruptedException {
        Path app = dir.resolve("linkport");
        Path archive = app.resolve("linkport.jsa");
        Path extractedJar = app.resolve(serverJar.getFileName());
        run(dir, dir.resolve("extract.log"), java, "-Djarmode=tools", "-jar", serverJar.toString(),
                "extract", "--destination", app.toString());
        String record = Runtime.version().feature() >= 25
                ? "-XX:AOTCacheOutput=" + archive
                : "-XX:ArchiveClassesAtExit=" + archive;
        Path data = dir.resolve("training-data");
        run(dir, dir.resolve("training.log"), java, record, AOT, "-Dlinkport.training=true",
                // the server's default H2 URL lives in the data directory; run() clears SPRING_* from the environment
                "-Dlinkport.data-dir=" + data, "-Dserver.port=0", "-jar", extractedJar.toString());
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("The training start made no archive; see " + dir.resolve("training.log"));
        }
        return List.of("-XX:SharedArchiveFile=" + archive, AOT, "-jar", extractedJar.toString());
    }

    private static void run(Path dir, Path log, String... command) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("LINKPORT_") || key.startsWith("SPRING_"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
        }
    }
}

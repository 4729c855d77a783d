package io.linkport.webhooks;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged server, started as {@link io.linkport.testing.ServerProcess#launchArguments} says,
 * run as a real operating-system process, for tests that must stop or kill a server (SIGTERM,
 * SIGKILL) or run two of them on one database.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String name;
    private final Path log;

    private ServerProcess(Process process, int port, String name, Path log) {
        this.process = process;
        this.port = port;
        this.name = name;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the jar with {@code env} (plus SERVER_PORT) and waits until it reports ready. */
    static ServerProcess start(String name, Map<String, String> env, Path logDir) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(io.linkport.testing.ServerProcess.launchArguments());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.redirectErrorStream(true);
        File log = logDir.resolve(name + "-" + Instant.now().toEpochMilli() + ".log").toFile();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        ServerProcess server = new ServerProcess(builder.start(), port, name, log.toPath());
        server.awaitReady(Duration.ofSeconds(90), log.toPath());
        return server;
    }

    private void awaitReady(Duration timeout, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What the process has printed so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM: Spring's graceful shutdown; call {@link #awaitExit} to wait for it. */
    void stopGracefully() {
        process.destroy();
    }

    /** The exit code, once the process has ended within {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful drain — a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

package io.linkport.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged server as a real operating-system process, for tests that must start it, stop it
 * (SIGTERM) or kill it (SIGKILL) and restart it, or run several nodes on one database. Its output
 * goes to {@code server.log} in its working directory.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path workDir;
    private final int port;
    private final Process process;
    private final long startedNanos;

    private ServerProcess(Path workDir, int port, Process process, long startedNanos) {
        this.workDir = workDir;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts the server ({@link #launchArguments}) in {@code workDir} on a free port with {@code env} added. */
    public static ServerProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return startWith(List.of(), workDir, env, args);
    }

    /** As {@link #start}, with {@code jvmOptions} (a heap limit, say) before the launch arguments. */
    public static ServerProcess startWith(List<String> jvmOptions, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(launchArguments());
        command.addAll(List.of(args));
        return launch(workDir, env, command);
    }

    /**
     * Starts the server with the {@code java} arguments of the README's first command (its paths taken
     * from the repository root), {@code jvmOptions} before them, in {@code workDir}.
     */
    public static ServerProcess startAsReadme(Path workDir, Map<String, String> env, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(List.of(jvmOptions));
        command.addAll(readmeJavaArguments());
        return launch(workDir, env, command);
    }

    /**
     * How the tests start a server: the README's fast start when {@code package} built its layout
     * (about a third faster to start, so every two-node and crash test is quicker), else
     * {@code -jar target/linkport-server.jar} (a build with {@code -Dlinkport.aot.skip}).
     */
    public static List<String> launchArguments() throws IOException {
        return Files.exists(Path.of("target", "linkport", "linkport-server.jar")) ? readmeJavaArguments()
                : List.of("-jar", jar().toString());
    }

    /** What follows {@code && java} on the first line of the README's first code block. */
    public static List<String> readmeJavaArguments() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(root.resolve("README.md"));
        String first = lines.get(lines.indexOf("```sh") + 1);
        int java = first.indexOf("&& java ");
        if (java < 0) {
            throw new IllegalStateException("The README's first command does not start java: " + first);
        }
        List<String> arguments = new ArrayList<>();
        for (String token : first.substring(java + "&& java ".length()).trim().split("\\s+")) {
            arguments.add(token.replace("linkport-server/target/", root.resolve("linkport-server/target") + "/"));
        }
        return arguments;
    }

    private static ServerProcess launch(Path workDir, Map<String, String> env, List<String> javaCommand) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(javaCommand);
        command.add("--server.port=" + port);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.log").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("LINKPORT_") || key.startsWith("SPRING_"));
        builder.environment().putAll(env);
        return new ServerProcess(workDir, port, builder.start(), System.nanoTime());
    }

    /** Waits until readiness answers UP; returns how long the start took. */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Server not ready after " + timeout + ":\n" + log());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in KiB, read from /proc (Linux). */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public String log() {
        try {
            Path log = workDir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Waits for a server run as a command (e.g. {@code -Dlinkport.reencrypt=true}) to exit; its status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Still running after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    /** SIGTERM: Spring's graceful shutdown; {@link #awaitExit} waits for it. */
    public void stopGracefully() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hooks, no graceful anything — a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    static Path jar() {
        Path jar = Path.of("target", "linkport-server.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Run 'package' first: no " + jar);
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

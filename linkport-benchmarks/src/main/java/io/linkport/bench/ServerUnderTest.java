package io.linkport.bench;

import io.linkport.bench.bare.BareApp;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real server jar (or the bare Spring Boot app) as a process, with the /proc readings the report needs (CPU, RSS). */
final class ServerUnderTest implements AutoCloseable {

    static final String SECRET = "sk_sandbox_benchmark_secret_0123456789abcdefghijkl";
    static final String ADMIN_KEY = "ak_benchmark_admin_key_0123456789abcdefghijklmn";
    static final String READINESS = "/actuator/health/readiness";
    static final long TICKS_PER_SECOND = 100;

    private final Process process;
    private final int port;
    private final Path workDir;
    final Duration startup;

    private ServerUnderTest(Process process, int port, Path workDir, Duration startup) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.startup = startup;
    }

    static ServerUnderTest start(Path jar, String java, Database database, Map<String, String> extraEnv, Path workDir)
            throws IOException, InterruptedException {
        return start(List.of("-jar", jar.toString()), java, database, extraEnv, workDir);
    }

    /** {@code launchArgs}: what follows {@code java}, e.g. {@code -jar linkport-server.jar}. */
    static ServerUnderTest start(List<String> launchArgs, String java, Database database, Map<String, String> extraEnv,
                                 Path workDir) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(database.serverEnv());
        env.put("LINKPORT_BOOTSTRAP_SECRET", SECRET);
        env.put("LINKPORT_ADMIN_KEY", ADMIN_KEY);
        env.put("LINKPORT_SANDBOX_LATENCY", "0ms");
        env.put("LOGGING_LEVEL_LINKPORT_REQUESTS", "WARN");
        env.putAll(extraEnv);
        return launch(java, launchArgs, env, READINESS, workDir);
    }

    /**
     * The bare Spring Boot app ({@link BareApp}), started from this harness's
     * own jar with {@code java -jar} like the server, so both go through the same Boot launcher.
     */
    static ServerUnderTest startBare(String java, Path workDir) throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        List<String> app = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)
                ? List.of("-jar", Path.of(classPath).toAbsolutePath().toString(), BenchmarkMain.BARE_APP)
                : List.of("-cp", classPath, BareApp.class.getName());  // an IDE's class path: the class itself
        return launch(java, app, Map.of(), BareApp.PATH, workDir);
    }

    /** Starts {@code java [LINKPORT_BENCH_SERVER_OPTS] app… --server.port=…} and waits for a 200 from {@code readyPath}. */
    private static ServerUnderTest launch(String java, List<String> app, Map<String, String> env, String readyPath,
                                          Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java));
        String serverOpts = System.getenv("LINKPORT_BENCH_SERVER_OPTS");
        if (serverOpts != null && !serverOpts.isBlank()) {
            command.addAll(List.of(serverOpts.trim().split("\\s+")));
        }
        command.addAll(app);
        command.add("--server.port=" + port);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("LINKPORT_") || key.startsWith("SPRING_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        ServerUnderTest server = new ServerUnderTest(process, port, workDir, Duration.ZERO);
        try {
            server.awaitReady(readyPath, Duration.ofMinutes(2));
        } catch (IllegalStateException | InterruptedException e) {
            server.close();
            throw e;
        }
        return new ServerUnderTest(process, port, workDir, Duration.ofNanos(System.nanoTime() - started));
    }

    private void awaitReady(String readyPath, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server exited; see " + workDir.resolve("server.log"));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url(readyPath)))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Server not ready in " + timeout);
    }

    /** The server runs on the harness's own JDK. */
    String javaVersion() {
        return System.getProperty("java.version");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** User + system CPU the server process has used so far, in seconds. */
    double cpuSeconds() throws IOException {
        return cpuTicks(Path.of("/proc/" + process.pid() + "/stat")) / (double) TICKS_PER_SECOND;
    }

    /** User plus system clock ticks from a /proc stat file (of a process or of one of its threads). */
    static long cpuTicks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU seconds the JIT compiler threads have used (HotSpot names them "C1 CompilerThreadN" and
     * "C2 CompilerThreadN"; Linux keeps the first 15 characters). A thread that exited takes its
     * time with it, so this is for differences over a few seconds, not totals.
     */
    double jitCpuSeconds() throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        ticks += cpuTicks(task.resolve("stat"));
                    }
                } catch (IOException exited) {
                    // the thread ended between listing and reading
                }
            }
        }
        return ticks / (double) TICKS_PER_SECOND;
    }

    long rssKib() throws IOException {
        return status("VmRSS:");
    }

    long peakRssKib() throws IOException {
        return status("VmHWM:");
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.linkport.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The build's training start for the README's fast start ({@code -Dlinkport.training=true},
 * linkport-server/pom.xml). Once ready, the server sends itself what a new server first gets - the
 * readiness probe, an authenticated call, a link token (JDK 25+ only, see below), a link, the
 * widget and the SDK, a body it rejects - and exits. The class archive the training records (a CDS
 * archive, or on JDK 25+ an AOT cache with method profiles) then holds what those requests load,
 * not only what building the context did, so a fast start does not load it on its first requests.
 * A request that does not answer as expected fails the training, and with it the build: the
 * training is also a smoke test of the jar. Read at readiness, not as a bean condition: Spring AOT
 * settles conditions at build time.
 */
@Component
class StartupTraining {

    private static final Logger log = LoggerFactory.getLogger(StartupTraining.class);

    private final Environment environment;
    private final DataDirectory dataDirectory;

    StartupTraining(Environment environment, DataDirectory dataDirectory) {
        this.environment = environment;
        this.dataDirectory = dataDirectory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void train(ApplicationReadyEvent ready) {
        if (!environment.getProperty("linkport.training", Boolean.class, false)) {
            return;
        }
        ConfigurableApplicationContext context = ready.getApplicationContext();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        // Off the main thread: the context finishes starting while the requests go out.
        Thread thread = new Thread(() -> System.exit(SpringApplication.exit(context, () -> exchange(port))),
                "linkport-training");
        thread.start();
    }

    private int exchange(int port) {
        try {
            String key = Files.readString(dataDirectory.path("bootstrap-secret")).strip();
            String base = "http://127.0.0.1:" + port;
            List<String> wrong = new ArrayList<>();
            expect(wrong, 200, request(base, "GET", "/actuator/health/readiness", null, null));
            expect(wrong, 200, request(base, "GET", "/v1/whoami", key, null));
            expect(wrong, 401, request(base, "GET", "/v1/whoami", "sk_sandbox_wrong", null));
            if (Runtime.version().feature() >= 25) {
                // JDK 17's dynamic CDS dump crashed at exit (SIGSEGV in adjust_lambda_proxy_class_dictionary,
                // every time) once a token had been signed: BouncyCastle's jar is signed, so its classes
                // are never archived, and the dump broke on what it made for them. JDK 25's AOT cache did not.
                expect(wrong, 200, request(base, "POST", "/v1/link_tokens", key,
                        "{\"org_name\":\"Training\",\"required_jobs\":[\"employment\",\"income\"],\"end_user_id\":\"training\"}"));
            }
            expect(wrong, 201, request(base, "POST", "/v1/links", key,
                    "{\"integrationId\":\"tmobile\",\"operations\":[{\"resource\":\"paymentMethod\",\"action\":\"read\"}]}"));
            expect(wrong, 400, request(base, "POST", "/v1/links", key, "{\"operations\":[]}"));
            expect(wrong, 200, request(base, "GET", "/sdk/v1/linkport.js", null, null));
            expect(wrong, 200, request(base, "GET", "/widget", null, null));
            if (!wrong.isEmpty()) {
                log.error("Training start: unexpected answers {}", wrong);
                return 1;
            }
            log.info("Training start: served its first requests; exiting");
            return 0;
        } catch (IOException | RuntimeException e) {
            // an exit code either way: a training that never exits would hang the build
            log.error("Training start failed: {}", e.toString());
            return 1;
        }
    }

    private static void expect(List<String> wrong, int status, String answer) {
        if (!answer.startsWith(status + " ")) {
            wrong.add(answer);
        }
    }

    /** The status and path, e.g. {@code "200 GET /v1/whoami"}, after reading the whole body. */
    private static String request(String base, String method, String path, String bearer, String json) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestMethod(method);
        if (bearer != null) {
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status + " " + method + " " + path;
    }
}

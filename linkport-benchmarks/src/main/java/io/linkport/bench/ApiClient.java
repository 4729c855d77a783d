package io.linkport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow driver's HTTP client: Apache HttpClient's classic (blocking) client over a pool of
 * kept-alive HTTP/1.1 connections, JSON in, JSON out, non-2xx is an error. Not java.net.http: at
 * ≈ 140 link runs/s the JDK client took 13–16 % of this two-core machine (≈ 2 ms of CPU per run,
 * four requests), CPU the server and PostgreSQL being measured then lacked.
 */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Timeout TIMEOUT = Timeout.ofSeconds(60);

    private final String base;
    private final CloseableHttpClient http;

    ApiClient(ServerUnderTest server) {
        this.base = server.url("");
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(TIMEOUT)
                                .setSocketTimeout(TIMEOUT).build())
                        .setMaxConnTotal(Integer.MAX_VALUE).setMaxConnPerRoute(Integer.MAX_VALUE).build())
                .disableCookieManagement().disableRedirectHandling().disableAutomaticRetries()
                .build();
    }

    /** POST with the tenant's API key. */
    JsonNode post(String path, String body) throws IOException {
        return send(post(path, body, "x-api-secret", ServerUnderTest.SECRET));
    }

    /** POST with a session credential (the widget's calls). */
    JsonNode postSession(String path, String sessionToken, String body) throws IOException {
        return send(post(path, body, "Authorization", "Bearer " + sessionToken));
    }

    JsonNode getSession(String path, String sessionToken) throws IOException {
        HttpGet get = new HttpGet(base + path);
        get.setHeader("Authorization", "Bearer " + sessionToken);
        return send(get);
    }

    private HttpPost post(String path, String body, String credentialHeader, String credential) {
        HttpPost post = new HttpPost(base + path);
        post.setHeader(credentialHeader, credential);
        post.setEntity(new StringEntity(body == null ? "{}" : body, ContentType.APPLICATION_JSON));
        return post;
    }

    private JsonNode send(HttpUriRequestBase request) throws IOException {
        return http.execute(request, response -> {
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() / 100 != 2) {
                throw new IOException(request.getMethod() + " " + request.getPath() + " answered " + response.getCode() + ": " + text);
            }
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        });
    }
}

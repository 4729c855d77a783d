package io.linkport.testing;

import io.linkport.LinkportApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of every whole-server test: one real Linkport server on a random port, on H2 or
 * PostgreSQL (see {@link TestDatabase}), shared by all test classes in the JVM (Spring caches
 * the context because every subclass has the same configuration — keep it that way: do not add
 * per-class properties or {@code @MockitoBean}s). Tests talk to it over real HTTP with {@link #api}.
 */
@SpringBootTest(classes = LinkportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    public static final String BOOTSTRAP_SECRET = "sk_sandbox_test_bootstrap_secret_0123456789abcdef";
    public static final String ADMIN_KEY = "ak_test_admin_key_0123456789abcdef0123456789";
    /** The loopback port of the OAuth 2.0 server behind the {@code oidc_test_bank} institution. */
    public static final int OAUTH_TEST_PORT = 47613;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        TestDatabase.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("linkport.bootstrap-secret", () -> BOOTSTRAP_SECRET);
        registry.add("linkport.admin-key", () -> ADMIN_KEY);
        registry.add("linkport.master-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        // A generic OAuth 2.0 institution backed by the real mock-oauth2-server that the logins
        // tests start on this fixed loopback port (nothing listens there otherwise).
        String oauth = "http://localhost:" + OAUTH_TEST_PORT + "/default";
        registry.add("linkport.oauth-institutions[0].id", () -> "oidc_test_bank");
        registry.add("linkport.oauth-institutions[0].name", () -> "OIDC Test Bank");
        // Its own category, so the catalog tests' per-category expectations stay as they are.
        registry.add("linkport.oauth-institutions[0].category", () -> "oauth_test");
        registry.add("linkport.oauth-institutions[0].authorization-uri", () -> oauth + "/authorize");
        registry.add("linkport.oauth-institutions[0].token-uri", () -> oauth + "/token");
        registry.add("linkport.oauth-institutions[0].data-uri", () -> oauth + "/userinfo");
        registry.add("linkport.oauth-institutions[0].client-id", () -> "linkport-test-client");
        registry.add("linkport.oauth-institutions[0].client-secret", () -> "linkport-test-client-secret");
        registry.add("linkport.oauth-institutions[0].scopes[0]", () -> "openid");
        registry.add("linkport.oauth-institutions[0].resources[0]", () -> "identity");
    }

    @BeforeEach
    void connectApi() {
        api = new Api("http://localhost:" + port);
    }

    /** A new tenant, created through the admin API; the answer holds its sandbox secret. */
    protected TestTenant newTenant(String name) {
        Api.Response response = api.post("/admin/v1/tenants", java.util.Map.of("name", name), Api.secret(ADMIN_KEY));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode body = response.json();
        return new TestTenant(body.get("id").asString(), body.get("publicClientId").asString(),
                body.get("apiKeys").get(0).get("secret").asString());
    }

    /** A tenant created for one test, with the secret of its sandbox key. */
    public record TestTenant(String id, String publicClientId, String secret) {
        public String[] auth() {
            return Api.secret(secret);
        }
    }
}

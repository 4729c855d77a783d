package io.linkport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.providers.ConnectorRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Calls sandbox connectors through the SPI, each test with its own login key so written state never leaks between tests. */
final class SandboxCalls {

    private final ConnectorRegistry registry;
    private final String loginKeyPrefix = "test:" + UUID.randomUUID() + ":";

    SandboxCalls(ConnectorRegistry registry) {
        this.registry = registry;
    }

    Connector connector(String integrationId) {
        return registry.find(integrationId).orElseThrow();
    }

    ConnectorContext context(String integrationId, String username) {
        return context(integrationId, username, Duration.ofSeconds(30));
    }

    ConnectorContext context(String integrationId, String username, Duration deadline) {
        return new ConnectorContext(true, Instant.now().plus(deadline), loginKeyPrefix + integrationId + ":" + username);
    }

    LoginResult login(String integrationId, String username, String password) {
        return connector(integrationId).login(new LoginRequest(Map.of("username", username, "password", password),
                context(integrationId, username)));
    }

    /** Logs in a user expected to succeed without MFA and answers its session. */
    ConnectorState session(String integrationId, String username) {
        LoginResult result = login(integrationId, username, "pass_good");
        assertThat(result).isInstanceOf(LoginResult.Success.class);
        return ((LoginResult.Success) result).session();
    }

    OperationResult run(String integrationId, String username, ConnectorState session, String resource, String action,
                        Map<String, Object> arguments) {
        return connector(integrationId).execute(new OperationRequest(resource, action, arguments, session,
                context(integrationId, username)));
    }

    Map<String, Object> read(String integrationId, String username, String resource) {
        OperationResult result = run(integrationId, username, session(integrationId, username), resource, "read", Map.of());
        assertThat(result).as(integrationId + " " + resource).isInstanceOf(OperationResult.Success.class);
        return ((OperationResult.Success) result).data();
    }
}

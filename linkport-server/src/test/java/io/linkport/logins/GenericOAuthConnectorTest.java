package io.linkport.oauthconnector;

import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginResult;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.RefreshRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The connector on its own, against mock-oauth2-server on a random loopback port. */
class GenericOAuthConnectorTest {

    static final String CALLBACK = "http://localhost/cb";

    MockOAuth2Server server;
    GenericOAuthConnector connector;

    @BeforeEach
    void start() {
        server = new MockOAuth2Server();
        server.start(0);
        String base = server.baseUrl().toString() + "default";
        connector = new GenericOAuthConnector(new OAuthInstitution("oidc_unit", "OIDC Unit", null, base + "/authorize",
                base + "/token", base + "/userinfo", "unit-client", "unit-secret", List.of("openid"), List.of("identity")),
                new OAuthHttp());
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    @Test
    void completeAuthorizationWhenVerifierMatchesChallengeThenTokensAndRefreshWorks() throws Exception {
        String verifier = "verifier-0123456789-0123456789-0123456789-abcdef";
        String code = authorize(challenge(verifier));

        LoginResult result = connector.completeAuthorization(new AuthorizationCallback(code, null, verifier, CALLBACK,
                ConnectorState.empty(), context()));

        assertThat(result).isInstanceOf(LoginResult.Success.class);
        ConnectorState session = ((LoginResult.Success) result).session();
        assertThat(session.get("access_token")).isNotBlank();
        assertThat(session.get("refresh_token")).isNotBlank();

        LoginResult refreshed = connector.refresh(new RefreshRequest(session, context()));
        assertThat(refreshed).isInstanceOf(LoginResult.Success.class);
        ConnectorState renewed = ((LoginResult.Success) refreshed).session();
        assertThat(renewed.get("access_token")).isNotEqualTo(session.get("access_token"));
        assertThat(renewed.get("refresh_token")).isNotBlank();

        OperationResult read = connector.execute(new OperationRequest("identity", "read", Map.of(), renewed, context()));
        assertThat(read).isInstanceOf(OperationResult.Success.class);
        assertThat(((OperationResult.Success) read).data()).containsKey("identity");
    }

    @Test
    void completeAuthorizationWhenVerifierDoesNotMatchThenRefused() throws Exception {
        String code = authorize(challenge("the-right-verifier-0123456789-0123456789-0123"));

        LoginResult result = connector.completeAuthorization(new AuthorizationCallback(code, null,
                "a-wrong-verifier-0123456789-0123456789-0123456", CALLBACK, ConnectorState.empty(), context()));

        assertThat(result).isInstanceOf(LoginResult.Failure.class);
        assertThat(((LoginResult.Failure) result).code()).isEqualTo(FailureCode.ACCESS_DENIED);
    }

    @Test
    void refreshWhenRefreshTokenUnknownOrMissingThenReauthenticationRequired() {
        LoginResult missing = connector.refresh(new RefreshRequest(ConnectorState.empty(), context()));
        OperationResult noToken = connector.execute(new OperationRequest("identity", "read", Map.of(), ConnectorState.empty(),
                context()));

        assertThat(((LoginResult.Failure) missing).code()).isEqualTo(FailureCode.REAUTHENTICATION_REQUIRED);
        assertThat(((OperationResult.Failure) noToken).code()).isEqualTo(FailureCode.REAUTHENTICATION_REQUIRED);
    }

    @Test
    void completeAuthorizationWhenUserDeclinedThenAccessDenied() {
        LoginResult result = connector.completeAuthorization(new AuthorizationCallback(null, "access_denied", "v", CALLBACK,
                ConnectorState.empty(), context()));

        assertThat(((LoginResult.Failure) result).code()).isEqualTo(FailureCode.ACCESS_DENIED);
    }

    /** Runs the authorization request against the server and returns the code it redirects with. */
    private String authorize(String challenge) throws Exception {
        AuthorizationRedirect redirect = connector.beginAuthorization(new AuthorizationStart(CALLBACK, "st-1", challenge, context()));
        assertThat(redirect.url()).contains("code_challenge_method=S256").contains("state=st-1");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(redirect.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK).contains("state=st-1");
        return java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static ConnectorContext context() {
        return new ConnectorContext(false, Instant.now().plusSeconds(30), "unit");
    }
}

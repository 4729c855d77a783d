package io.linkport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginResult;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.RefreshRequest;
import io.linkport.providers.ConnectorRegistry;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriComponentsBuilder;

class SandboxOAuthTest extends ServerTest {

    @Autowired
    ConnectorRegistry registry;

    private Connector bank;
    private String verifier;
    private String redirectUri;
    private ConnectorContext context;

    @BeforeEach
    void start() {
        bank = registry.find("oauth_bank").orElseThrow();
        verifier = (UUID.randomUUID() + "-" + UUID.randomUUID()).replace("-", "");
        redirectUri = api.baseUrl() + "/v1/oauth/callback";
        context = new ConnectorContext(true, Instant.now().plusSeconds(30), "oauth-test:" + UUID.randomUUID());
    }

    @Test
    void authorizeWhenUserApprovesThenCodeExchangesForASessionThatReads() {
        AuthorizationRedirect redirect = begin("state-1");
        Api.Response page = api.get(redirect.url());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Linkport OAuth Bank", "Approve", "Deny", "<label for=\"username\"");

        Map<String, String> back = decide(redirect, "approve", "user_good");
        assertThat(back.get("state")).isEqualTo("state-1");
        LoginResult result = complete(back.get("code"), verifier, redirect);

        assertThat(result).isInstanceOf(LoginResult.Success.class);
        ConnectorState session = ((LoginResult.Success) result).session();
        OperationResult accounts = bank.execute(new OperationRequest("accounts", "read", Map.of(), session, context));
        assertThat(accounts).isInstanceOfSatisfying(OperationResult.Success.class,
                s -> assertThat(s.data()).containsKey("accounts"));
    }

    @Test
    void completeAuthorizationWhenCodeReusedOrVerifierWrongThenFailure() {
        AuthorizationRedirect redirect = begin("s");
        String code = decide(redirect, "approve", "user_good").get("code");
        assertThat(complete(code, "wrong-verifier-" + verifier, redirect)).isInstanceOf(LoginResult.Failure.class);

        AuthorizationRedirect again = begin("s2");
        String second = decide(again, "approve", "user_good").get("code");
        assertThat(complete(second, verifier, again)).isInstanceOf(LoginResult.Success.class);
        assertThat(complete(second, verifier, again)).isInstanceOfSatisfying(LoginResult.Failure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.INSTITUTION_ERROR));
    }

    @Test
    void authorizeWhenUserDeniesThenAccessDenied() {
        AuthorizationRedirect redirect = begin("state-deny");
        Map<String, String> back = decide(redirect, "deny", "user_good");

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "state-deny").doesNotContainKey("code");
        LoginResult result = bank.completeAuthorization(new AuthorizationCallback(null, back.get("error"), verifier,
                redirectUri, redirect.pending(), context));
        assertThat(result).isInstanceOfSatisfying(LoginResult.Failure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.ACCESS_DENIED));
    }

    @Test
    void authorizeWhenUserDownThenInstitutionUnavailable() {
        AuthorizationRedirect redirect = begin("state-down");
        Map<String, String> back = decide(redirect, "approve", "user_down");

        assertThat(back).containsEntry("error", "temporarily_unavailable");
        assertThat(bank.completeAuthorization(new AuthorizationCallback(null, back.get("error"), verifier, redirectUri,
                redirect.pending(), context))).isInstanceOfSatisfying(LoginResult.Failure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.INSTITUTION_UNAVAILABLE));
    }

    @Test
    void refreshThenTokensRotateAndTheOldRefreshTokenStopsWorking() {
        AuthorizationRedirect redirect = begin("r");
        ConnectorState first = ((LoginResult.Success) complete(decide(redirect, "approve", "user_good").get("code"),
                verifier, redirect)).session();

        LoginResult refreshed = bank.refresh(new RefreshRequest(first, context));
        assertThat(refreshed).isInstanceOf(LoginResult.Success.class);
        ConnectorState second = ((LoginResult.Success) refreshed).session();
        assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));
        assertThat(bank.refresh(new RefreshRequest(first, context))).isInstanceOfSatisfying(LoginResult.Failure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.REAUTHENTICATION_REQUIRED));
        assertThat(bank.refresh(new RefreshRequest(second, context))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void executeWhenAccessTokenUnknownThenReauthenticationRequired() {
        ConnectorState forged = new ConnectorState(Map.of("accessToken", "forged", "username", "user_good"));

        assertThat(bank.execute(new OperationRequest("balances", "read", Map.of(), forged, context)))
                .isInstanceOfSatisfying(OperationResult.Failure.class,
                        f -> assertThat(f.code()).isEqualTo(FailureCode.REAUTHENTICATION_REQUIRED));
    }

    @Test
    void authorizePageWhenRedirectUriIsNotThisServerThenErrorPageAndNoRedirect() {
        String url = UriComponentsBuilder.fromUriString("/sandbox/oauth/authorize").queryParam("response_type", "code")
                .queryParam("client_id", "oauth_bank").queryParam("redirect_uri", "https://evil.example/cb")
                .queryParam("state", "x").queryParam("code_challenge", SandboxAuthorizationServer.s256(verifier))
                .queryParam("code_challenge_method", "S256").encode().build().toUriString();

        Api.Response response = api.get(url);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.text()).contains("redirect_uri");
        assertThat(api.get(url.replace("oauth_bank", "tmobile")).status()).isEqualTo(400);
    }

    @Test
    void authorizePageWhenPkceMissingThenRedirectsWithInvalidRequest() {
        String url = UriComponentsBuilder.fromUriString("/sandbox/oauth/authorize").queryParam("response_type", "code")
                .queryParam("client_id", "oauth_bank").queryParam("redirect_uri", redirectUri).queryParam("state", "x")
                .encode().build().toUriString();

        Api.Response response = api.get(url);

        assertThat(response.status()).isEqualTo(302);
        assertThat(query(response.header("Location"))).containsEntry("error", "invalid_request").containsEntry("state", "x");
    }

    @Test
    void tokenEndpointThenExchangesCodeOnceAndRefreshes() {
        AuthorizationRedirect redirect = begin("t");
        String code = decide(redirect, "approve", "user_good").get("code");
        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                redirectUri, "code_verifier", verifier, "client_id", "oauth_bank");

        Api.Response tokens = form("/sandbox/oauth/token", exchange);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        assertThat(tokens.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.header("Cache-Control")).contains("no-store");

        Api.Response replay = form("/sandbox/oauth/token", exchange);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("error").asString()).isEqualTo("invalid_grant");

        Api.Response refreshed = form("/sandbox/oauth/token", Map.of("grant_type", "refresh_token", "client_id",
                "oauth_bank", "refresh_token", tokens.json().get("refresh_token").asString()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(form("/sandbox/oauth/token", Map.of("grant_type", "password")).json().get("error").asString())
                .isEqualTo("unsupported_grant_type");
    }

    private AuthorizationRedirect begin(String state) {
        AuthorizationRedirect redirect = bank.beginAuthorization(new AuthorizationStart(redirectUri, state,
                SandboxAuthorizationServer.s256(verifier), context));
        assertThat(redirect.url()).contains("/sandbox/oauth/authorize?", "code_challenge_method=S256", "client_id=oauth_bank");
        return redirect;
    }

    /** Submits the consent form the page showed, as a browser would, and answers the redirect's query. */
    private Map<String, String> decide(AuthorizationRedirect redirect, String decision, String username) {
        Map<String, String> fields = new LinkedHashMap<>(query(redirect.url()));
        fields.put("username", username);
        fields.put("decision", decision);
        Api.Response response = form("/sandbox/oauth/authorize", fields);
        assertThat(response.status()).as(response.text()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith(redirectUri + "?");
        return query(response.header("Location"));
    }

    private LoginResult complete(String code, String codeVerifier, AuthorizationRedirect redirect) {
        return bank.completeAuthorization(new AuthorizationCallback(code, null, codeVerifier, redirectUri,
                redirect.pending(), context));
    }

    private Api.Response form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return api.send("POST", path, "application/x-www-form-urlencoded", body);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        UriComponentsBuilder.fromUriString(url).build().getQueryParams().forEach((key, list) ->
                values.put(key, java.net.URLDecoder.decode(list.get(0), StandardCharsets.UTF_8)));
        return values;
    }
}

package io.linkport.oauthconnector;

import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswerRequest;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.RefreshRequest;
import io.linkport.connector.ResourceDescriptor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any institution with an OAuth 2.0 authorization server: the authorization-code grant with PKCE
 * (S256), refresh-token rotation (a new refresh token replaces the old one whenever the server
 * sends one), and reads of a bearer-protected data endpoint. Tokens live only in the
 * {@link ConnectorState} Linkport seals; nothing is kept in memory between calls.
 */
public class GenericOAuthConnector implements Connector {

    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String EXPIRES_AT = "expires_at";
    private static final String EMPTY_ARGUMENTS = "{\"type\":\"object\",\"additionalProperties\":false}";

    private final OAuthInstitution institution;
    private final OAuthHttp http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final IntegrationDescriptor descriptor;

    public GenericOAuthConnector(OAuthInstitution institution, OAuthHttp http) {
        this.institution = institution;
        this.http = http;
        this.descriptor = new IntegrationDescriptor(institution.id(), institution.name() == null ? institution.id() : institution.name(),
                institution.category(), AuthMethod.OAUTH, List.of(), institution.resources().stream()
                .map(r -> new ResourceDescriptor(r, "Your " + r + " at " + institution.name(), r, "{}",
                        List.of(new ActionDescriptor("read", "Read your " + r, EMPTY_ARGUMENTS, false))))
                .toList(), false, List.of());
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public AuthorizationRedirect beginAuthorization(AuthorizationStart start) {
        StringBuilder url = new StringBuilder(institution.authorizationUri());
        url.append(institution.authorizationUri().contains("?") ? '&' : '?')
                .append("response_type=code")
                .append("&client_id=").append(OAuthHttp.encode(institution.clientId()))
                .append("&redirect_uri=").append(OAuthHttp.encode(start.redirectUri()))
                .append("&state=").append(OAuthHttp.encode(start.state()))
                .append("&code_challenge=").append(OAuthHttp.encode(start.codeChallenge()))
                .append("&code_challenge_method=S256");
        if (!institution.scopes().isEmpty()) {
            url.append("&scope=").append(OAuthHttp.encode(String.join(" ", institution.scopes())));
        }
        return new AuthorizationRedirect(url.toString(), ConnectorState.empty());
    }

    @Override
    public LoginResult completeAuthorization(AuthorizationCallback callback) {
        if (callback.error() != null || callback.code() == null) {
            return new LoginResult.Failure(FailureCode.ACCESS_DENIED, "The authorization was declined at " + descriptor.name());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", callback.code());
        form.put("redirect_uri", callback.redirectUri());
        form.put("code_verifier", callback.codeVerifier());
        return tokens(form, null, callback.context(), FailureCode.ACCESS_DENIED);
    }

    @Override
    public LoginResult refresh(RefreshRequest request) {
        String refreshToken = request.saved().get(REFRESH_TOKEN);
        if (refreshToken == null) {
            return new LoginResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED, "No refresh token was issued; authorize again");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokens(form, refreshToken, request.context(), FailureCode.REAUTHENTICATION_REQUIRED);
    }

    @Override
    public OperationResult execute(OperationRequest request) {
        if (!institution.resources().contains(request.resource()) || !"read".equals(request.action())) {
            return new OperationResult.Failure(FailureCode.UNSUPPORTED, "Only reads of " + institution.resources());
        }
        String accessToken = request.session() == null ? null : request.session().get(ACCESS_TOKEN);
        if (accessToken == null) {
            return new OperationResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED, "No access token");
        }
        try {
            OAuthHttp.Answer answer = http.get(institution.dataUri().replace("{resource}", request.resource()), accessToken,
                    timeout(request.context()));
            if (answer.status() == 401 || answer.status() == 403) {
                return new OperationResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED, "The institution refused the access token");
            }
            if (answer.status() / 100 != 2) {
                return new OperationResult.Failure(FailureCode.INSTITUTION_ERROR, "The institution answered " + answer.status());
            }
            Object data = json.readValue(answer.body(), Object.class);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put(request.resource(), data);
            return new OperationResult.Success(result);
        } catch (IOException | JacksonException e) {
            return new OperationResult.Failure(FailureCode.INSTITUTION_UNAVAILABLE, "The institution could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OperationResult.Failure(FailureCode.TIMEOUT, "Interrupted");
        }
    }

    @Override
    public LoginResult login(LoginRequest request) {
        return new LoginResult.Failure(FailureCode.UNSUPPORTED, descriptor.id() + " uses OAuth, not credentials");
    }

    @Override
    public LoginResult answerMfa(MfaAnswerRequest request) {
        return new LoginResult.Failure(FailureCode.UNSUPPORTED, descriptor.id() + " uses OAuth, not MFA");
    }

    private LoginResult tokens(Map<String, String> form, String previousRefreshToken, ConnectorContext context,
                               FailureCode onRefusal) {
        try {
            OAuthHttp.Answer answer = http.tokenRequest(institution.tokenUri(), institution.clientId(),
                    institution.clientSecret(), form, timeout(context));
            if (answer.status() == 400 || answer.status() == 401) {
                return new LoginResult.Failure(onRefusal, "The authorization server refused the grant");
            }
            if (answer.status() / 100 != 2) {
                return new LoginResult.Failure(FailureCode.INSTITUTION_UNAVAILABLE, "The authorization server answered " + answer.status());
            }
            JsonNode body = json.readTree(answer.body());
            String accessToken = body.path(ACCESS_TOKEN).asString(null);
            if (accessToken == null) {
                return new LoginResult.Failure(FailureCode.INSTITUTION_ERROR, "The token response has no access_token");
            }
            Map<String, String> state = new LinkedHashMap<>();
            state.put(ACCESS_TOKEN, accessToken);
            String refreshToken = body.path(REFRESH_TOKEN).asString(previousRefreshToken);
            if (refreshToken != null) {
                state.put(REFRESH_TOKEN, refreshToken);
            }
            if (body.path("expires_in").canConvertToLong()) {
                state.put(EXPIRES_AT, Instant.now().plusSeconds(body.path("expires_in").asLong()).toString());
            }
            return new LoginResult.Success(new ConnectorState(state), null);
        } catch (IOException | JacksonException e) {
            return new LoginResult.Failure(FailureCode.INSTITUTION_UNAVAILABLE, "The authorization server could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LoginResult.Failure(FailureCode.TIMEOUT, "Interrupted");
        }
    }

    private static Duration timeout(ConnectorContext context) {
        Duration left = context == null ? Duration.ofSeconds(30) : context.remaining();
        return left.isZero() ? Duration.ofSeconds(1) : left;
    }
}

package io.linkport.sandbox;

import io.linkport.common.PublicUrls;
import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginResult;
import io.linkport.connector.RefreshRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The connector's side of the sandbox OAuth flow: builds the authorization URL, exchanges the
 * code, refreshes. It calls the {@link SandboxAuthorizationServer} in-process rather than over
 * HTTP — the rules are the same ones the token endpoint applies.
 */
@Component
class SandboxOAuthClient {

    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";

    private final SandboxAuthorizationServer server;
    private final PublicUrls publicUrls;

    SandboxOAuthClient(SandboxAuthorizationServer server, PublicUrls publicUrls) {
        this.server = server;
        this.publicUrls = publicUrls;
    }

    AuthorizationRedirect begin(SandboxInstitution institution, AuthorizationStart start) {
        String url = UriComponentsBuilder.fromUriString(base() + "/sandbox/oauth/authorize")
                .queryParam("response_type", "code").queryParam("client_id", institution.id())
                .queryParam("redirect_uri", "{redirect}").queryParam("state", "{state}")
                .queryParam("code_challenge", start.codeChallenge()).queryParam("code_challenge_method", "S256")
                .queryParam("scope", "{scope}").encode()
                .buildAndExpand(start.redirectUri(), start.state(), SandboxAuthorizationServer.SCOPE).toUriString();
        return new AuthorizationRedirect(url, new ConnectorState(Map.of("redirectUri", start.redirectUri())));
    }

    LoginResult complete(SandboxInstitution institution, AuthorizationCallback callback) {
        if (callback.error() != null) {
            return switch (callback.error()) {
                case "access_denied" -> new LoginResult.Failure(FailureCode.ACCESS_DENIED,
                        "You declined access at " + institution.name());
                case "temporarily_unavailable" -> new LoginResult.Failure(FailureCode.INSTITUTION_UNAVAILABLE,
                        institution.name() + " is not available right now. Try again later.");
                default -> new LoginResult.Failure(FailureCode.INSTITUTION_ERROR,
                        institution.name() + " could not authorize the connection");
            };
        }
        try {
            return success(institution, server.exchangeCode(institution.id(), callback.code(), callback.redirectUri(),
                    callback.codeVerifier()));
        } catch (SandboxOAuthError e) {
            return new LoginResult.Failure(FailureCode.INSTITUTION_ERROR, e.getMessage());
        }
    }

    LoginResult refresh(SandboxInstitution institution, RefreshRequest request) {
        try {
            return success(institution, server.refresh(institution.id(), request.saved().get(REFRESH_TOKEN)));
        } catch (SandboxOAuthError e) {
            return new LoginResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED,
                    "The connection to " + institution.name() + " must be authorized again");
        }
    }

    /** Whose session this is, while its access token is valid. */
    Optional<String> username(SandboxInstitution institution, ConnectorState session) {
        return server.usernameFor(institution.id(), session.get(ACCESS_TOKEN));
    }

    private static LoginResult success(SandboxInstitution institution, SandboxTokens tokens) {
        Map<String, String> values = new HashMap<>();
        values.put(ACCESS_TOKEN, tokens.accessToken());
        values.put(REFRESH_TOKEN, tokens.refreshToken());
        values.put(SandboxSessions.USERNAME, tokens.username());
        values.put(SandboxSessions.OPERATIONS, "0");
        return new LoginResult.Success(new ConnectorState(values), SandboxAccount.accountId(institution, tokens.username()));
    }

    /** Absolute when there is a request (or a configured public URL) to take it from, else server-relative. */
    private String base() {
        try {
            return publicUrls.base();
        } catch (IllegalStateException e) {
            return "";
        }
    }
}

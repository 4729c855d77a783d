package io.linkport.logins;

import io.linkport.providers.Provider;
import io.linkport.tokens.IssuedToken;
import io.linkport.web.ApiException;
import io.linkport.widget.LoginWidgetPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003's Connect iframe URL: {@code GET /v1/connect?authorizeToken=…}. The first load uses
 * the token up and opens the hosted widget for the token's tenant; a reused, expired or forged
 * token gets an error screen (never a redirect) and a {@code TOKEN_REJECTED} event. With
 * {@code loginId} the widget opens in update mode: the user logs in again to that login's
 * institution and the saved login's credentials are replaced, which clears {@code needs_reauthentication}.
 */
@RestController
@Tag(name = "Saved logins")
class ConnectController {

    private final AuthorizeTokenService authorizeTokens;
    private final AuthorizeFlowService flows;
    private final RedirectUriService redirectUris;
    private final LoginService logins;
    private final LoginSessions sessions;
    private final LoginWidgetPage widget;

    ConnectController(AuthorizeTokenService authorizeTokens, AuthorizeFlowService flows, RedirectUriService redirectUris,
                      LoginService logins, LoginSessions sessions, LoginWidgetPage widget) {
        this.authorizeTokens = authorizeTokens;
        this.flows = flows;
        this.redirectUris = redirectUris;
        this.logins = logins;
        this.sessions = sessions;
        this.widget = widget;
    }

    @GetMapping(value = "/v1/connect", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The Connect iframe: opens the hosted widget with a one-time authorize token")
    ResponseEntity<String> connect(@RequestParam(required = false) String authorizeToken,
                                   @RequestParam(required = false) String institution,
                                   @RequestParam(required = false) String redirectUrl,
                                   @RequestParam(required = false) String language,
                                   @RequestParam(required = false) Boolean demo,
                                   @RequestParam(required = false) String loginId,
                                   @RequestParam(required = false) String state) {
        if (authorizeToken == null || authorizeToken.isBlank() || authorizeToken.length() > 4096) {
            throw new FlowPageException(400, "Missing authorization", "This page needs an authorizeToken. Open it from the app.");
        }
        if (state != null && state.length() > 1024) {
            throw new FlowPageException(400, "Invalid state", "The state parameter is longer than 1024 characters.");
        }
        try {
            IssuedToken unused = authorizeTokens.inspectToken(authorizeToken);
            if (redirectUrl != null && !redirectUris.allowed(unused.tenantId(), redirectUrl)) {
                throw new FlowPageException(400, "Redirect not allowed", "The redirectUrl is not registered for this application.");
            }
            String integrationId = null;
            if (loginId != null) {
                Login login = logins.find(loginId).filter(l -> l.tenantId().equals(unused.tenantId())).orElseThrow(() ->
                        new FlowPageException(404, "Login not found", "There is no such login for this application."));
                integrationId = login.integrationId();
            } else if (institution != null) {
                integrationId = flows.institution(institution, unused.mode()).map(Provider::id).orElse(null);
            }
            LoginSessions.Opened opened = sessions.connect(authorizeToken, integrationId, redirectUrl, state, loginId,
                    language == null || language.length() > 16 ? null : language);
            return widget.render(opened.tenantId(), opened.sessionToken(), true);
        } catch (ApiException e) {
            authorizeTokens.recordRejection(authorizeToken, e, "connect");
            throw new FlowPageException(e.status().value(), title(e.code()), message(e.code()));
        }
    }

    @ExceptionHandler(FlowPageException.class)
    ResponseEntity<String> errorPage(FlowPageException e) {
        return LoginPages.error(e.status(), e.title(), e.getMessage());
    }

    private static String title(String code) {
        return switch (code) {
            case "token_already_used" -> "Link already used";
            case "token_expired" -> "Link expired";
            default -> "Link not valid";
        };
    }

    private static String message(String code) {
        return switch (code) {
            case "token_already_used" -> "This connection link was already used. Go back to the app to start again.";
            case "token_expired" -> "This connection link has expired (links last 30 minutes). Go back to the app to start again.";
            default -> "This connection link is not valid. Go back to the app to start again.";
        };
    }
}

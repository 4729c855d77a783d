package io.linkport.sandbox;

import io.linkport.common.PublicUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox OAuth institutions' authorization server over HTTP: the page where the user
 * approves or denies, and the token endpoint (RFC 6749 with PKCE, RFC 7636). The page never
 * redirects to a URI it has not verified: the redirect URI must be this server's own.
 */
@RestController
@Tag(name = "Sandbox", description = "The simulated institutions' own pages (sandbox OAuth bank)")
class SandboxOAuthController {

    private final SandboxAuthorizationServer server;
    private final PublicUrls publicUrls;

    SandboxOAuthController(SandboxAuthorizationServer server, PublicUrls publicUrls) {
        this.server = server;
        this.publicUrls = publicUrls;
    }

    @GetMapping(value = "/sandbox/oauth/authorize", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox OAuth bank: the page where the user approves or denies access")
    ResponseEntity<String> authorizePage(@RequestParam Map<String, String> params) {
        SandboxAuthorizeRequest request = SandboxAuthorizeRequest.of(params);
        String problem = request.redirectProblem(publicUrls.base());
        if (problem != null) {
            return html(HttpStatus.BAD_REQUEST, SandboxOAuthPages.error(problem));
        }
        String invalid = request.requestProblem();
        if (invalid != null) {
            return redirect(request.errorRedirect("invalid_request", invalid));
        }
        return html(HttpStatus.OK, SandboxOAuthPages.consent(request));
    }

    @PostMapping(value = "/sandbox/oauth/authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox OAuth bank: the user's decision; redirects back with a code or an error")
    ResponseEntity<String> decide(@RequestParam Map<String, String> params) {
        SandboxAuthorizeRequest request = SandboxAuthorizeRequest.of(params);
        String problem = request.redirectProblem(publicUrls.base());
        if (problem != null) {
            return html(HttpStatus.BAD_REQUEST, SandboxOAuthPages.error(problem));
        }
        String invalid = request.requestProblem();
        if (invalid != null) {
            return redirect(request.errorRedirect("invalid_request", invalid));
        }
        String username = params.getOrDefault("username", "").trim();
        if (!"approve".equals(params.get("decision"))) {
            return redirect(request.errorRedirect("access_denied", "The user denied access"));
        }
        if (username.isEmpty() || username.length() > 100) {
            username = SandboxUser.GOOD.username();
        }
        if (SandboxUser.of(username).orElse(null) == SandboxUser.DOWN) {
            return redirect(request.errorRedirect("temporarily_unavailable", "The bank is not available right now"));
        }
        return redirect(request.codeRedirect(server.approve(request.clientId(), username, request.redirectUri(),
                request.codeChallenge())));
    }

    @PostMapping(value = "/sandbox/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sandbox OAuth bank: exchange a code (with its PKCE verifier) or a refresh token")
    ResponseEntity<Map<String, Object>> token(@RequestParam Map<String, String> params) {
        try {
            String clientId = params.get("client_id");
            SandboxTokens tokens = switch (params.getOrDefault("grant_type", "")) {
                case "authorization_code" -> server.exchangeCode(clientId, params.getOrDefault("code", ""),
                        params.get("redirect_uri"), params.get("code_verifier"));
                case "refresh_token" -> server.refresh(clientId, params.get("refresh_token"));
                default -> throw new SandboxOAuthError("unsupported_grant_type",
                        "grant_type must be authorization_code or refresh_token");
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", tokens.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", tokens.expiresIn());
            body.put("refresh_token", tokens.refreshToken());
            body.put("scope", tokens.scope());
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
        } catch (SandboxOAuthError e) {
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore())
                    .body(Map.of("error", e.error(), "error_description", e.getMessage()));
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(page);
    }

    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location).build();
    }
}

package io.linkport.logins;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.linkport.tenants.ApiCaller;
import io.linkport.tokens.SignedToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Seed 003's server-side endpoints, in Flinks' names and casing. */
@RestController
@Tag(name = "Saved logins", description = "Seed 003: authorize tokens, /Authorize on saved logins, data retrieval")
class AuthorizeController {

    private final AuthorizeTokenService authorizeTokens;
    private final AuthorizeService authorize;
    private final LoginDataService data;

    AuthorizeController(AuthorizeTokenService authorizeTokens, AuthorizeService authorize, LoginDataService data) {
        this.authorizeTokens = authorizeTokens;
        this.authorize = authorize;
        this.data = data;
    }

    record TokenResponse(@JsonProperty("HttpStatusCode") int httpStatusCode, @JsonProperty("Token") String token,
                         String expiresAt, String mode) {
    }

    @PostMapping(value = "/v1/GenerateAuthorizeToken", produces = "application/json")
    @Operation(summary = "Generate a one-time authorize token (30 minutes) with the secret key (also as 'flinks-auth-key')")
    TokenResponse generate(ApiCaller caller) {
        SignedToken token = authorizeTokens.generate(caller);
        return new TokenResponse(200, token.jwt(), token.record().expiresAt().toString(), token.record().mode().lower());
    }

    @PostMapping(value = "/v1/Authorize", produces = "application/json")
    @Operation(summary = "Open a saved login live (MostRecentCached=false) or from cache; 203 asks for MFA answers")
    ResponseEntity<Map<String, Object>> authorize(HttpServletRequest request, @RequestBody(required = false) JsonNode body) {
        AuthorizeCommand command = AuthorizeBody.parse(body);
        ApiCaller caller = authorizeTokens.authorizeCaller(presented(request));
        AuthorizeOutcome outcome = authorize.authorize(caller.tenantId(), command);
        Map<String, Object> answer = new LinkedHashMap<>();
        int status = outcome.mfaRequired() ? 203 : 200;
        answer.put("HttpStatusCode", status);
        answer.put("RequestId", outcome.requestId());
        answer.put("Institution", outcome.institution());
        answer.put("Login", loginView(outcome.login()));
        if (outcome.mfaRequired()) {
            answer.put("SecurityChallenges", SecurityResponses.challenges(outcome.challenge()));
            answer.put("FlinksCode", "SECURITY_CHALLENGE");
            answer.put("mfa", outcome.challenge());
        }
        answer.put("loginStatus", outcome.login().status().lower());
        return ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").body(answer);
    }

    @PostMapping(value = "/v1/GetAccountsDetail", produces = "application/json")
    @Operation(summary = "Retrieve the data an /Authorize request opened: accounts, balances, transactions, identity, …")
    Map<String, Object> accountsDetail(ApiCaller caller, @RequestBody(required = false) JsonNode body) {
        String requestId = body == null || !body.isObject() ? null
                : AuthorizeBody.text(body, "RequestId", new java.util.ArrayList<>());
        if (requestId == null) {
            throw io.linkport.web.ValidationException.of("RequestId", "is required");
        }
        return data.detail(caller.tenantId(), requestId);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginView(@JsonProperty("Id") String id, @JsonProperty("IsScheduledRefresh") boolean scheduledRefresh,
                     @JsonProperty("LastRefresh") Instant lastRefresh, @JsonProperty("Type") String type,
                     String status, String integrationId, String endUserId) {
    }

    static LoginView loginView(Login login) {
        return new LoginView(login.id(), login.refreshEnabled(), login.lastRefreshedAt(), "Personal",
                login.status().lower(), login.integrationId(), login.endUserId());
    }

    /** Same headers as every API call, plus Flinks' {@code flinks-auth-key} (key or authorize token). */
    private static String presented(HttpServletRequest request) {
        for (String header : List.of("flinks-auth-key", "x-api-secret")) {
            if (request.getHeader(header) != null) {
                return request.getHeader(header).trim();
            }
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}

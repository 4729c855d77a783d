package io.linkport.logins;

import io.linkport.tenants.ApiCaller;
import io.linkport.tenants.ApiKeyService;
import io.linkport.tokens.IssuedToken;
import io.linkport.tokens.SignedToken;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenRejections;
import io.linkport.tokens.TokenService;
import io.linkport.web.ApiException;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seed 003's authorize tokens: one-time, 30 minutes, generated with the tenant's secret key and
 * used up by the Connect page ({@code GET /v1/connect}) or by {@code POST /v1/Authorize}.
 */
@Service
public class AuthorizeTokenService {

    public static final Duration LIFETIME = Duration.ofMinutes(30);

    private final TokenService tokens;
    private final ApiKeyService keys;
    private final TokenRejections rejections;

    AuthorizeTokenService(TokenService tokens, ApiKeyService keys, TokenRejections rejections) {
        this.tokens = tokens;
        this.keys = keys;
        this.rejections = rejections;
    }

    @Transactional
    public SignedToken generate(ApiCaller caller) {
        return tokens.issue(TokenKind.AUTHORIZE, caller.tenantId(), caller.mode(), null, null, Map.of(), LIFETIME);
    }

    /** Uses the token up; a reused, expired or forged token is an {@link ApiException}. */
    @Transactional
    public IssuedToken consume(String jwt) {
        return tokens.consume(jwt, TokenKind.AUTHORIZE);
    }

    /** The token's record if we signed it, without using it up. */
    public IssuedToken inspectToken(String jwt) {
        return tokens.inspect(jwt, TokenKind.AUTHORIZE);
    }

    /** Records a used, expired or revoked authorize token against the tenant that issued it. */
    public void recordRejection(String jwt, ApiException refusal, String where) {
        rejections.record(jwt, TokenKind.AUTHORIZE, refusal, where);
    }

    /**
     * The tenant behind {@code POST /v1/Authorize}: an API key in any of the usual headers, or —
     * as Flinks does — an authorize token in {@code flinks-auth-key}, which this call uses up.
     */
    public ApiCaller authorizeCaller(String apiKeyOrToken) {
        var key = keys.authenticate(apiKeyOrToken);
        if (key.isPresent() && key.get().tenantId() != null) {
            return new ApiCaller(key.get().tenantId(), key.get().mode(), key.get().id());
        }
        if (apiKeyOrToken != null && apiKeyOrToken.chars().filter(c -> c == '.').count() == 2) {
            IssuedToken token;
            try {
                token = tokens.consume(apiKeyOrToken, TokenKind.AUTHORIZE);
            } catch (ApiException e) {
                recordRejection(apiKeyOrToken, e, "authorize");
                throw e;
            }
            return new ApiCaller(token.tenantId(), token.mode(), "authorize-token:" + token.id());
        }
        throw ApiException.unauthorized("unauthorized",
                "Send a valid API key ('x-api-secret', 'Authorization: Bearer' or 'flinks-auth-key') or an authorize token in 'flinks-auth-key'.");
    }

}

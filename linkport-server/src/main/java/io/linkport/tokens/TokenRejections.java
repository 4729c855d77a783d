package io.linkport.tokens;

import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a {@code TOKEN_REJECTED} event when a browser presents one of our tokens that is used,
 * expired or revoked, against the tenant that issued it, so the tenant sees replayed or stale links.
 * Call it outside the refusing transaction (which rolls back): the event commits on its own.
 */
@Component
public class TokenRejections {

    /** The refusals worth telling the tenant about; a token we never signed belongs to no tenant. */
    private static final Set<String> RECORDED = Set.of("token_already_used", "token_expired", "token_revoked");

    private final TokenService tokens;
    private final EventLog events;
    private final TransactionTemplate tx;

    TokenRejections(TokenService tokens, EventLog events, TransactionTemplate tx) {
        this.tokens = tokens;
        this.events = events;
        this.tx = tx;
    }

    /** {@code where}: the endpoint that refused it ({@code connect}, {@code sessions}, {@code authorize}). */
    public void record(String jwt, TokenKind kind, ApiException refusal, String where) {
        if (!RECORDED.contains(refusal.code())) {
            return;
        }
        IssuedToken token;
        try {
            token = tokens.inspect(jwt, kind);
        } catch (ApiException forged) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tokenId", token.id());
        if (kind == TokenKind.LINK) {
            data.put("linkTokenId", token.id());
        }
        data.put("linkId", token.linkId());
        data.put("reason", refusal.code());
        data.put("where", where);
        tx.executeWithoutResult(s -> events.append(token.tenantId(), token.mode(), EventType.TOKEN_REJECTED, data));
    }
}

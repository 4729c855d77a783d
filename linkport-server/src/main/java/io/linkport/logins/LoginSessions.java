package io.linkport.logins;

import io.linkport.common.Mode;
import io.linkport.sessions.SessionStarter;
import io.linkport.sessions.SessionStarter.LoginSessionSpec;
import io.linkport.tokens.IssuedToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the widget session a saved login is made in: the flow (where the user goes back to) and
 * the session link are created in one transaction with the use of the authorize token, so a
 * token is never used up without a session to show for it.
 */
@Service
class LoginSessions {

    private final AuthorizeTokenService authorizeTokens;
    private final AuthorizeFlowService flows;
    private final SessionStarter sessions;

    LoginSessions(AuthorizeTokenService authorizeTokens, AuthorizeFlowService flows, SessionStarter sessions) {
        this.authorizeTokens = authorizeTokens;
        this.flows = flows;
        this.sessions = sessions;
    }

    /** What the widget page needs: the tenant it belongs to and the session it drives. */
    record Opened(String tenantId, String sessionToken) {
    }

    /** The Connect iframe: uses up the authorize token. {@code updateLoginId} opens update mode for that login. */
    @Transactional
    Opened connect(String authorizeToken, String integrationId, String redirectUrl, String state, String updateLoginId,
                   String language) {
        IssuedToken token = authorizeTokens.consume(authorizeToken);
        return open(flows.start(token.tenantId(), token.mode(), AuthorizeFlow.Origin.CONNECT, integrationId, redirectUrl,
                state, token.subject(), updateLoginId, language), token.id());
    }

    /** {@code /v1/OAuth/Authorize} for a credential institution: the redirect URI was matched by the caller. */
    @Transactional
    Opened authorize(String tenantId, Mode mode, String integrationId, String redirectUri, String state, String endUserId,
                     String language) {
        return open(flows.start(tenantId, mode, AuthorizeFlow.Origin.OAUTH_AUTHORIZE, integrationId, redirectUri, state,
                endUserId, null, language), null);
    }

    private Opened open(AuthorizeFlow flow, String tokenId) {
        SessionStarter.Started started = sessions.startForLogin(new LoginSessionSpec(flow.tenantId(), flow.mode(), tokenId,
                flow.endUserId(), flow.integrationId(), flow.language()));
        flows.attachLink(flow, started.link().id());
        return new Opened(flow.tenantId(), started.sessionToken());
    }
}

package io.linkport.sessions;

import io.linkport.common.MasterKeyCipher;
import io.linkport.common.Secrets;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.ConnectorState;
import io.linkport.links.Link;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.LinkStatus;
import io.linkport.links.StartedRun;
import io.linkport.links.LinkTraces;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth leg of a session: PKCE (S256) and a one-time {@code state} at the start; at the
 * callback the state is used up, the login continues in the background with the code and the
 * verifier, and the widget, polling as usual, follows.
 */
@Service
class OAuthSessions {

    static final String CALLBACK_PATH = "/v1/oauth/callback";
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final SessionService sessions;
    private final SessionEngine engine;
    private final ProviderCatalog catalog;
    private final LinkLifecycle lifecycle;
    private final LinkTraces traces;
    private final JdbcSessionRepository repository;
    private final MasterKeyCipher cipher;
    private final JsonMapper json;
    private final Clock clock;

    OAuthSessions(SessionService sessions, SessionEngine engine, ProviderCatalog catalog, LinkLifecycle lifecycle,
                  LinkTraces traces, JdbcSessionRepository repository, MasterKeyCipher cipher, JsonMapper json,
                  Clock clock) {
        this.sessions = sessions;
        this.engine = engine;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.traces = traces;
        this.repository = repository;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /** Returns the institution's authorization URL for a claimed, consented OAuth link. */
    String start(Link link) {
        sessions.readyToLogIn(link, AuthMethod.OAUTH);
        Provider provider = catalog.find(link.integrationId(), link.mode()).orElseThrow();
        String verifier = Secrets.randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Secrets.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = Secrets.randomUrlSafe(32);
        String redirectUri = link.publicBase() + CALLBACK_PATH;
        AuthorizationRedirect redirect;
        try {
            redirect = engine.callNow(link, () -> provider.connector().beginAuthorization(
                    new AuthorizationStart(redirectUri, state, challenge, engine.context(link, link.id()))));
        } catch (TimeoutException | ExecutionException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "institution_unavailable",
                    "The institution could not start the authorization; try again.");
        }
        String stateHash = Secrets.sha256Hex(state);
        Instant now = clock.instant();
        String pending = redirect.pending() == null ? null
                : cipher.encrypt(json.writeValueAsString(redirect.pending().values()), stateHash + ":pending");
        repository.insertOAuth(stateHash, link.id(), cipher.encrypt(verifier, stateHash + ":verifier"), pending,
                redirectUri, now, now.plus(STATE_LIFETIME));
        traces.record(link, "oauth_started", provider.id());
        return redirect.url();
    }

    /** The institution sent the user back: uses the state once and continues the login; the link, or empty. */
    Optional<Link> callback(String state, String code, String error) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        String stateHash = Secrets.sha256Hex(state);
        JdbcSessionRepository.OAuthState stored = repository.findOAuth(stateHash).orElse(null);
        if (stored == null || !repository.useOAuth(stateHash, clock.instant())) {
            return Optional.empty();
        }
        Link link = lifecycle.find(stored.linkId()).filter(l -> l.status() == LinkStatus.CLAIMED).orElse(null);
        if (link == null) {
            return Optional.empty();
        }
        String verifier = cipher.decrypt(stored.verifierCiphertext(), stateHash + ":verifier");
        ConnectorState pending = stored.pendingCiphertext() == null ? ConnectorState.empty()
                : new ConnectorState(json.readValue(cipher.decrypt(stored.pendingCiphertext(), stateHash + ":pending"), MAP));
        Optional<StartedRun> authenticating = lifecycle.beginLogin(link, engine.nodeId(), "oauth_callback");
        authenticating.ifPresent(run -> engine.completeAuthorization(run, code, error, verifier, stored.redirectUri(), pending));
        return authenticating.map(StartedRun::link);
    }
}

package io.linkport.sessions;

import io.linkport.links.Link;
import io.linkport.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/**
 * The public session API (docs/links.md): no API key; the browser or native app claims a link
 * and then holds a {@code ses_…} credential bound to that link.
 */
@RestController
@Tag(name = "Sessions", description = "Public session API used by the hosted widget and native apps (no API key)")
class SessionController {

    private final SessionStarter starter;
    private final SessionService sessions;
    private final SessionViews views;
    private final SessionTokens tokens;
    private final OAuthSessions oauth;
    private final SessionStreams streams;

    SessionController(SessionStarter starter, SessionService sessions, SessionViews views, SessionTokens tokens,
                      OAuthSessions oauth, SessionStreams streams) {
        this.starter = starter;
        this.sessions = sessions;
        this.views = views;
        this.tokens = tokens;
        this.oauth = oauth;
        this.streams = streams;
    }

    record StartedResponse(String sessionToken, String expiresAt, SessionView session) {
    }

    record RenewedResponse(String sessionToken, String expiresAt) {
    }

    record IntegrationSummary(String id, String name, String category, String authMethod) {
    }

    record IntegrationsResponse(List<IntegrationSummary> integrations) {
    }

    @PostMapping(value = "/v1/sessions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Claim a link with exactly one of claimCode, linkToken, accessToken; returns a session credential")
    ResponseEntity<StartedResponse> start(@RequestBody JsonNode body) {
        SessionStarter.Started started;
        try {
            started = starter.start(body);
        } catch (ApiException e) {
            // Outside start's transaction, which rolled back: the event commits on its own.
            starter.recordRejection(body, e);
            throw e;
        }
        sessions.opened(started);
        return ResponseEntity.status(HttpStatus.CREATED).body(new StartedResponse(started.sessionToken(),
                started.expiresAt().toString(), views.of(started.link(), started.expiresAt())));
    }

    @GetMapping(value = "/v1/session", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The session: link status, the next step, per-operation progress")
    SessionView get(SessionCaller caller) {
        return view(caller, sessions.link(caller));
    }

    @GetMapping(value = "/v1/session/integrations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Integrations the user may pick (those supporting every operation of the link)")
    IntegrationsResponse integrations(SessionCaller caller, @RequestParam(required = false) String q,
                                      @RequestParam(required = false) String category) {
        return new IntegrationsResponse(sessions.integrations(caller, q, category).stream()
                .map(p -> new IntegrationSummary(p.id(), p.descriptor().name(), p.descriptor().category(),
                        p.descriptor().authMethod().name())).toList());
    }

    @PostMapping(value = "/v1/session/integration", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pick the integration (when the link did not fix one)")
    SessionView selectIntegration(SessionCaller caller, @RequestBody JsonNode body) {
        return view(caller, sessions.selectIntegration(caller, body));
    }

    @PostMapping(value = "/v1/session/consent", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the user's consent to the operations")
    SessionView consent(@LastWrittenLink SessionCaller caller, @RequestBody(required = false) JsonNode body) {
        return view(caller, sessions.consent(caller));
    }

    @PostMapping(value = "/v1/session/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit credentials; the login runs in the background (poll GET /v1/session)")
    ResponseEntity<SessionView> credentials(@LastWrittenLink SessionCaller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(caller, sessions.credentials(caller, body)));
    }

    @PostMapping(value = "/v1/session/mfa", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Answer the MFA challenge: {code} | {answers} | {deviceId}")
    ResponseEntity<SessionView> mfa(SessionCaller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(caller, sessions.mfa(caller, body)));
    }

    @PostMapping(value = "/v1/session/oauth/start", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start the OAuth login (PKCE S256); returns the institution's authorization URL")
    Map<String, String> oauthStart(SessionCaller caller, @RequestBody(required = false) JsonNode body) {
        return Map.of("authorizationUrl", oauth.start(sessions.link(caller)));
    }

    @PostMapping(value = "/v1/session/exit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The user leaves; before completion the link fails with USER_EXITED")
    SessionView exit(SessionCaller caller, @RequestBody(required = false) JsonNode body) {
        return view(caller, sessions.exit(caller, body));
    }

    @PostMapping(value = "/v1/session/renew", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Extend the session credential while the user is active")
    RenewedResponse renew(SessionCaller caller, @RequestBody(required = false) JsonNode body) {
        Instant expiresAt = tokens.renew(caller);
        return new RenewedResponse(caller.token(), expiresAt.toString());
    }

    @GetMapping(value = "/v1/session/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: one `data: <Session>` per change, until the link finishes")
    SseEmitter stream(SessionCaller caller) {
        return streams.open(caller);
    }

    private SessionView view(SessionCaller caller, Link link) {
        return views.of(link, caller.expiresAt());
    }
}

package io.linkport.sessions;

import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.CredentialField;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaChallenge;
import io.linkport.connector.ResourceDescriptor;
import io.linkport.links.Link;
import io.linkport.links.LinkError;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.LinkOperation;
import io.linkport.links.LinkService;
import io.linkport.links.LinkStatus;
import io.linkport.links.SessionLink;
import io.linkport.links.StartedRun;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.web.ApiException;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The steps of the session API after the claim: pick, consent, log in, answer MFA, exit. */
@Service
class SessionService {

    private final LinkService links;
    private final LinkLifecycle lifecycle;
    private final ProviderCatalog catalog;
    private final SessionEngine engine;
    private final SessionCallerResolver callers;
    private final SessionSnapshots snapshots;
    private final JsonMapper json;

    SessionService(LinkService links, LinkLifecycle lifecycle, ProviderCatalog catalog, SessionEngine engine,
                   SessionCallerResolver callers, SessionSnapshots snapshots, JsonMapper json) {
        this.links = links;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.engine = engine;
        this.callers = callers;
        this.snapshots = snapshots;
        this.json = json;
    }

    /** A session just opened on this node: its consent and credentials may be taken on this snapshot. */
    void opened(SessionStarter.Started started) {
        snapshots.remember(started.tokenHash(), new SessionLink(started.link(), started.expiresAt()));
    }

    /** The caller's link as this request's authentication read it, expired first if its time is up. */
    Link link(SessionCaller caller) {
        return links.expireIfDue(caller.link());
    }

    /** The caller's link read again, for a caller that waits or retries within one request. */
    Link reread(SessionCaller caller) {
        return links.expireIfDue(lifecycle.find(caller.linkId()).orElseThrow(
                () -> ApiException.notFound("link_not_found", "The session's link is gone.")));
    }

    /** Integrations the user may pick: every one that supports all of the link's operations. */
    List<Provider> offered(Link link) {
        return catalog.list(link.mode()).stream().filter(p -> {
            if (readsEverything(link)) {
                return !reads(p.descriptor()).isEmpty();
            }
            return SessionStarter.PAYROLL.equals(p.descriptor().category()) && SessionStarter.supportsAll(p, link.operations());
        }).toList();
    }

    List<Provider> integrations(SessionCaller caller, String q, String category) {
        Link link = link(caller);
        if (link.integrationFixed()) {
            return List.of();
        }
        String query = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        return offered(link).stream()
                .filter(p -> category == null || category.isBlank() || p.descriptor().category().equals(category))
                .filter(p -> query.isEmpty() || p.descriptor().name().toLowerCase(Locale.ROOT).contains(query)
                        || p.id().toLowerCase(Locale.ROOT).contains(query))
                .toList();
    }

    Link selectIntegration(SessionCaller caller, JsonNode body) {
        String integrationId = requiredText(body, "integrationId");
        Link link = link(caller);
        if (link.integrationFixed()) {
            throw ApiException.conflict("integration_fixed", "This link's integration is fixed.");
        }
        requireStatus(link, LinkStatus.CLAIMED);
        Provider provider = offered(link).stream().filter(p -> p.id().equals(integrationId)).findFirst()
                .orElseThrow(() -> ValidationException.of("integrationId", "is not offered for this link"));
        List<LinkOperation> operations = readsEverything(link) ? reads(provider.descriptor()) : link.operations();
        return lifecycle.selectIntegration(link, provider.id(), operations).orElseThrow(SessionService::stale);
    }

    Link consent(SessionCaller caller) {
        Link consented = onLatest(caller, current -> {
            Link link = link(current);
            requireStatus(link, LinkStatus.CLAIMED);
            if (link.integrationId() == null) {
                throw ApiException.conflict("integration_required", "Pick an integration first.");
            }
            return lifecycle.consent(link);
        });
        snapshots.remember(caller.tokenHash(), new SessionLink(consented, caller.expiresAt()));
        return consented;
    }

    Link credentials(SessionCaller caller, JsonNode body) {
        record LoginBegun(StartedRun run, Map<String, String> credentials) {
        }
        LoginBegun begun = onLatest(caller, current -> {
            Link link = link(current);
            IntegrationDescriptor descriptor = readyToLogIn(link, AuthMethod.CREDENTIALS);
            Map<String, String> credentials = credentialsOf(body, descriptor);
            return lifecycle.beginLogin(link, engine.nodeId(), "credentials_submitted")
                    .map(run -> new LoginBegun(run, credentials));
        });
        snapshots.forget(caller.tokenHash());
        engine.login(begun.run(), begun.credentials());
        return begun.run().link();
    }

    /**
     * Takes {@code step} (an empty result: its conditional write found the link changed) on the
     * caller's link. A caller holding this node's snapshot of the link ({@link LastWrittenLink})
     * takes it on the snapshot first; a step refused there, by an exception or by its write, is taken
     * again on the link read now, so that every refusal the caller sees is the database's, never the
     * snapshot's. A step must therefore write nothing but conditional changes before it can refuse.
     */
    private <T> T onLatest(SessionCaller caller, Function<SessionCaller, Optional<T>> step) {
        SessionCaller current = caller;
        if (caller.snapshot()) {
            try {
                Optional<T> taken = step.apply(caller);
                if (taken.isPresent()) {
                    snapshots.used();
                    return taken.get();
                }
            } catch (ApiException | ValidationException refusedOnSnapshot) {
                // taken again below, on the link as it is
            }
            snapshots.refused();
            current = callers.reread(caller);
        }
        return step.apply(current).orElseThrow(SessionService::stale);
    }

    Link mfa(SessionCaller caller, JsonNode body) {
        Link link = link(caller);
        requireStatus(link, LinkStatus.MFA_REQUIRED);
        MfaChallenge challenge = json.readValue(link.mfaChallenge(), MfaChallenge.class);
        MfaAnswer answer = answerOf(body, challenge);
        StartedRun authenticating = lifecycle.beginLogin(link, engine.nodeId(), "mfa_submitted")
                .orElseThrow(SessionService::stale);
        engine.answerMfa(authenticating, link.mfaChallenge(), answer);
        return authenticating.link();
    }

    /** Before completion the link fails with USER_EXITED; after it, nothing changes. */
    Link exit(SessionCaller caller, JsonNode body) {
        String reason = body != null && body.path("reason").isString() ? body.path("reason").asString() : null;
        String message = "The user left the flow" + (reason == null || reason.isBlank() ? "."
                : ": " + reason.substring(0, Math.min(reason.length(), 200)));
        for (int attempt = 0; attempt < 3; attempt++) {
            Link link = attempt == 0 ? link(caller) : reread(caller);
            if (link.status().terminal()) {
                return link;
            }
            var failed = lifecycle.fail(link, link.progress(), new LinkError("USER_EXITED", message, false));
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        return reread(caller);
    }

    /** The integration of a claimed, consented link that logs in with {@code method}; 409 otherwise. */
    IntegrationDescriptor readyToLogIn(Link link, AuthMethod method) {
        requireStatus(link, LinkStatus.CLAIMED);
        if (link.integrationId() == null) {
            throw ApiException.conflict("integration_required", "Pick an integration first.");
        }
        if (!link.consented()) {
            throw ApiException.conflict("consent_required", "The user has not consented yet.");
        }
        IntegrationDescriptor descriptor = catalog.find(link.integrationId(), link.mode()).orElseThrow().descriptor();
        if (descriptor.authMethod() != method) {
            throw ApiException.conflict(method == AuthMethod.OAUTH ? "credentials_required" : "oauth_required",
                    descriptor.name() + " logs in with " + descriptor.authMethod().name().toLowerCase(Locale.ROOT) + ".");
        }
        return descriptor;
    }

    private static Map<String, String> credentialsOf(JsonNode body, IntegrationDescriptor descriptor) {
        JsonNode node = body == null ? null : body.get("credentials");
        if (node == null || !node.isObject()) {
            throw ValidationException.of("credentials", "is required (an object of the integration's credential fields)");
        }
        List<ValidationIssue> issues = new ArrayList<>();
        Map<String, String> credentials = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>();
        for (CredentialField field : descriptor.credentialFields()) {
            known.add(field.name());
            JsonNode value = node.get(field.name());
            if (value == null || !value.isString() || value.asString().isEmpty()) {
                issues.add(new ValidationIssue("credentials." + field.name(), "is required"));
            } else if (value.asString().length() > 1000) {
                issues.add(new ValidationIssue("credentials." + field.name(), "is too long"));
            } else {
                credentials.put(field.name(), value.asString());
            }
        }
        node.propertyNames().forEach(name -> {
            if (!known.contains(name)) {
                issues.add(new ValidationIssue("credentials." + name, "is not a field of this integration"));
            }
        });
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return credentials;
    }

    private static MfaAnswer answerOf(JsonNode body, MfaChallenge challenge) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("", "request body must be a JSON object");
        }
        return switch (challenge.type()) {
            case ONE_TIME_CODE -> new MfaAnswer(requiredText(body, "code"), null, null);
            case DEVICE_SELECTION -> new MfaAnswer(null, null, requiredText(body, "deviceId"));
            case SECURITY_QUESTION -> {
                JsonNode answers = body.get("answers");
                if (answers == null || !answers.isArray() || answers.size() != challenge.questions().size()) {
                    throw ValidationException.of("answers", "must be an array with one answer per question");
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    if (!answers.get(i).isString()) {
                        throw ValidationException.of("answers[" + i + "]", "must be a string");
                    }
                    values.add(answers.get(i).asString());
                }
                yield new MfaAnswer(null, values, null);
            }
        };
    }

    /**
     * Links opened with a user token (seed 001) or for a saved login (seed 003) name no operations:
     * they read everything the integration the user picks can read.
     */
    static boolean readsEverything(Link link) {
        return link.userId() != null || link.operations().isEmpty();
    }

    static List<LinkOperation> reads(IntegrationDescriptor descriptor) {
        List<LinkOperation> reads = new ArrayList<>();
        for (ResourceDescriptor resource : descriptor.resources()) {
            ActionDescriptor read = resource.action("read");
            if (read != null) {
                reads.add(new LinkOperation(resource.name(), "read"));
            }
        }
        return reads;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw ValidationException.of(field, "is required");
        }
        return node.asString();
    }

    static void requireStatus(Link link, LinkStatus expected) {
        if (link.status() != expected) {
            throw ApiException.conflict("invalid_state", "The link is " + link.status().lower() + ", not "
                    + expected.lower() + ".");
        }
    }

    private static ApiException stale() {
        return ApiException.conflict("invalid_state", "The link changed meanwhile; fetch the session again.");
    }
}

package io.linkport.sessions;

import io.linkport.common.Mode;
import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.MfaChallenge;
import io.linkport.connector.ResourceDescriptor;
import io.linkport.links.Link;
import io.linkport.links.LinkOperation;
import io.linkport.links.LinkStatus;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds the {@link SessionView} of a link: its status mapped to the widget's next step. */
@Component
class SessionViews {

    private final ProviderCatalog catalog;
    private final JsonMapper json;

    SessionViews(ProviderCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    SessionView of(Link link, Instant sessionExpiresAt) {
        IntegrationDescriptor descriptor = link.integrationId() == null ? null
                : catalog.find(link.integrationId(), link.mode()).map(Provider::descriptor).orElse(null);
        return new SessionView(link.id(), link.linkTokenId(), link.endUserId(), link.orgName(), link.mode().lower(),
                link.language() == null ? "en" : link.language(), link.status().lower(), step(link, descriptor),
                integration(descriptor), link.integrationFixed(), operations(link, descriptor), mfa(link), error(link),
                link.attemptsLeft(), link.returnUrl(), sandbox(link, descriptor), sessionExpiresAt.toString());
    }

    static String step(Link link, IntegrationDescriptor descriptor) {
        return switch (link.status()) {
            case PENDING, CLAIMED -> {
                if (descriptor == null) {
                    yield "select_integration";
                }
                if (!link.consented()) {
                    yield "consent";
                }
                yield descriptor.authMethod() == AuthMethod.OAUTH ? "oauth_redirect" : "credentials";
            }
            case AUTHENTICATING -> "authenticating";
            case MFA_REQUIRED -> "mfa";
            case RUNNING -> "running";
            case COMPLETED -> "completed";
            case EXPIRED -> "expired";
            case FAILED, CANCELED -> "failed";
        };
    }

    static SessionView.Integration integration(IntegrationDescriptor d) {
        if (d == null) {
            return null;
        }
        return new SessionView.Integration(d.id(), d.name(), d.category(), d.authMethod().name(), d.credentialFields()
                .stream().map(f -> new SessionView.CredentialField(f.name(), f.label(), f.secret())).toList());
    }

    private static List<SessionView.Operation> operations(Link link, IntegrationDescriptor descriptor) {
        List<SessionView.Operation> out = new ArrayList<>();
        for (int i = 0; i < link.operations().size(); i++) {
            LinkOperation op = link.operations().get(i);
            ResourceDescriptor resource = descriptor == null ? null : descriptor.resource(op.resource());
            ActionDescriptor action = resource == null ? null : resource.action(op.action());
            String description = action != null && action.description() != null ? action.description()
                    : resource != null ? resource.description() : null;
            out.add(new SessionView.Operation(op.resource(), op.action(), description,
                    action != null ? action.changesData() : !"read".equals(op.action()),
                    i < link.progress().size() ? link.progress().get(i) : "pending"));
        }
        return out;
    }

    private SessionView.Mfa mfa(Link link) {
        if (link.status() != LinkStatus.MFA_REQUIRED || link.mfaChallenge() == null) {
            return null;
        }
        MfaChallenge challenge = json.readValue(link.mfaChallenge(), MfaChallenge.class);
        return new SessionView.Mfa(challenge.type().name(), challenge.prompt(), challenge.questions(),
                challenge.devices().stream().map(d -> new SessionView.Device(d.id(), d.label())).toList());
    }

    private static SessionView.Error error(Link link) {
        return switch (link.status()) {
            case EXPIRED -> new SessionView.Error("LINK_EXPIRED", "This link has expired.", false);
            case CANCELED -> new SessionView.Error("LINK_CANCELED", "This link was canceled.", false);
            case COMPLETED, RUNNING, AUTHENTICATING -> null;
            default -> link.error() == null ? null
                    : new SessionView.Error(link.error().code(), link.error().message(), link.error().retryable());
        };
    }

    private static SessionView.Sandbox sandbox(Link link, IntegrationDescriptor descriptor) {
        if (link.mode() != Mode.SANDBOX || descriptor == null) {
            return null;
        }
        return new SessionView.Sandbox(descriptor.testCredentials().stream().map(t -> new SessionView.TestCredential(
                t.username(), t.password(), t.behaviour(), t.mfaAnswer())).toList());
    }
}

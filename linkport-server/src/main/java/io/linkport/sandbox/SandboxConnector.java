package io.linkport.sandbox;

import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.FailureCode;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswerRequest;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.RefreshRequest;
import java.time.Duration;

/**
 * One sandbox institution as a {@link Connector}. Every institution is this class with its own
 * {@link SandboxInstitution} data; the rules live in {@link SandboxLogin},
 * {@link SandboxOperations} and, for OAuth institutions, {@link SandboxOAuthClient}. Each call
 * first waits the institution's latency (and {@code user_slow}'s delay), or times out.
 */
class SandboxConnector implements Connector {

    private final SandboxInstitution institution;
    private final IntegrationDescriptor descriptor;
    private final SandboxCollaborators with;

    SandboxConnector(SandboxInstitution institution, SandboxCollaborators with) {
        this.institution = institution;
        this.descriptor = SandboxDescriptors.describe(institution, with.resources().of(institution));
        this.with = with;
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public LoginResult login(LoginRequest request) {
        if (institution.oauth()) {
            return new LoginResult.Failure(FailureCode.UNSUPPORTED, institution.name() + " signs in with OAuth");
        }
        if (!await(request.credentials().get("username"), request.context())) {
            return loginTimeout();
        }
        return with.login().login(institution, request);
    }

    @Override
    public LoginResult answerMfa(MfaAnswerRequest request) {
        if (request.pending() == null) {
            return new LoginResult.Failure(FailureCode.INVALID_MFA, "There is no challenge to answer; log in again");
        }
        if (!await(request.pending().get(SandboxSessions.USERNAME), request.context())) {
            return loginTimeout();
        }
        return with.login().answer(institution, request.answer(), request.pending());
    }

    @Override
    public OperationResult execute(OperationRequest request) {
        String username = request.session() == null ? null : institution.oauth()
                ? with.oauth().username(institution, request.session()).orElse(null)
                : request.session().get(SandboxSessions.USERNAME);
        if (username == null) {
            return new OperationResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED,
                    "The session with " + institution.name() + " has ended; log in again");
        }
        if (!await(username, request.context())) {
            return new OperationResult.Failure(FailureCode.TIMEOUT, institution.name() + " did not answer in time");
        }
        return with.operations().run(institution, username, request);
    }

    @Override
    public AuthorizationRedirect beginAuthorization(AuthorizationStart start) {
        return institution.oauth() ? with.oauth().begin(institution, start) : Connector.super.beginAuthorization(start);
    }

    @Override
    public LoginResult completeAuthorization(AuthorizationCallback callback) {
        if (!institution.oauth()) {
            return Connector.super.completeAuthorization(callback);
        }
        return await(null, callback.context()) ? with.oauth().complete(institution, callback) : loginTimeout();
    }

    @Override
    public LoginResult refresh(RefreshRequest request) {
        if (request.saved() == null) {
            return new LoginResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED, "There is no saved session to refresh");
        }
        if (!await(request.saved().get(SandboxSessions.USERNAME), request.context())) {
            return loginTimeout();
        }
        return institution.oauth() ? with.oauth().refresh(institution, request) : with.login().refresh(institution, request);
    }

    private boolean await(String username, ConnectorContext context) {
        Duration extra = institution.slow() ? with.latency().slowInstitutionLatency() : Duration.ZERO;
        if (username != null && SandboxUser.of(username).orElse(null) == SandboxUser.SLOW) {
            extra = extra.plus(with.latency().slowUserDelay());
        }
        return with.latency().await(extra, context);
    }

    private LoginResult loginTimeout() {
        return new LoginResult.Failure(FailureCode.TIMEOUT, institution.name() + " did not answer in time");
    }

    @Override
    public String toString() {
        return "SandboxConnector[" + institution.id() + "]";
    }
}

package io.linkport.sandbox;

import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import org.springframework.stereotype.Component;

/**
 * Runs one operation for a logged-in sandbox user: counts it in the session, fails the second
 * one of {@code user_fail_second}, and hands reads and writes to the resource.
 */
@Component
class SandboxOperations {

    private final SandboxAccounts accounts;
    private final SandboxResources resources;

    SandboxOperations(SandboxAccounts accounts, SandboxResources resources) {
        this.accounts = accounts;
        this.resources = resources;
    }

    OperationResult run(SandboxInstitution institution, String username, OperationRequest request) {
        ConnectorState session = SandboxSessions.countOperation(request.session());
        if (SandboxUser.of(username).orElse(null) == SandboxUser.FAIL_SECOND
                && SandboxSessions.operations(request.session()) >= 1) {
            return new OperationResult.Failure(FailureCode.INSTITUTION_ERROR,
                    institution.name() + " could not complete this request. (Sandbox: user_fail_second fails "
                            + "every operation after the first.)");
        }
        if (!institution.resources().contains(request.resource())) {
            return new OperationResult.Failure(FailureCode.UNSUPPORTED,
                    institution.name() + " has no resource " + request.resource());
        }
        SandboxResource resource = resources.get(request.resource());
        SandboxAccount account = accounts.account(institution, username,
                request.context() == null ? null : request.context().loginKey());
        OperationResult result = switch (request.action()) {
            case "read" -> new OperationResult.Success(resource.read(account));
            case "write" -> resource.write(account, request.arguments());
            default -> new OperationResult.Failure(FailureCode.UNSUPPORTED,
                    request.resource() + " has no action " + request.action());
        };
        return result instanceof OperationResult.Success success
                ? new OperationResult.Success(success.data(), session) : result;
    }
}

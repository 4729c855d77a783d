package io.linkport.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code <Session>} object of the session API contract (docs/links.md): what the widget shows
 * next ({@code step}) and everything it needs to show it. Never holds credentials or arguments.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SessionView(String linkId, String linkTokenId, String endUserId, String orgName, String mode, String language,
                   String status, String step, Integration integration, boolean integrationFixed,
                   List<Operation> operations, Mfa mfa, Error error, int attemptsLeft, String returnUrl,
                   Sandbox sandbox, String expiresAt) {

    record Integration(String id, String name, String category, String authMethod, List<CredentialField> credentialFields) {
    }

    record CredentialField(String name, String label, boolean secret) {
    }

    record Operation(String resource, String action, String description, boolean changesData, String status) {
    }

    record Mfa(String type, String prompt, List<String> questions, List<Device> devices) {
    }

    record Device(String id, String label) {
    }

    record Error(String code, String message, boolean retryable) {
    }

    record Sandbox(List<TestCredential> testCredentials) {
    }

    record TestCredential(String username, String password, String behaviour, String mfaAnswer) {
    }
}

package io.linkport.sandbox;

import io.linkport.connector.CredentialField;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.TestCredential;
import java.util.ArrayList;
import java.util.List;

/** Catalog entries for sandbox institutions, with the documented test users. */
final class SandboxDescriptors {

    private static final List<CredentialField> CREDENTIAL_FIELDS = List.of(new CredentialField("username", "Username", false),
            new CredentialField("password", "Password", true));

    private SandboxDescriptors() {
    }

    static IntegrationDescriptor describe(SandboxInstitution institution, List<SandboxResource> resources) {
        return new IntegrationDescriptor(institution.id(), institution.name(), institution.category(),
                institution.authMethod(), institution.oauth() ? List.of() : CREDENTIAL_FIELDS,
                resources.stream().map(SandboxResource::descriptor).toList(), true,
                institution.oauth() ? oauthUsers() : credentialUsers());
    }

    private static List<TestCredential> credentialUsers() {
        List<TestCredential> users = new ArrayList<>();
        for (SandboxUser user : SandboxUser.values()) {
            boolean anyPassword = user == SandboxUser.LOCKED || user == SandboxUser.DOWN;
            users.add(new TestCredential(user.username(), anyPassword ? "(any)" : SandboxUser.PASSWORD,
                    user.behaviour(), user.mfaAnswer()));
        }
        users.add(new TestCredential(SandboxUser.GOOD.username(), "(anything but pass_good)",
                "Login fails with INVALID_CREDENTIALS; so does any username not listed here.", null));
        return users;
    }

    private static List<TestCredential> oauthUsers() {
        return List.of(
                new TestCredential("user_good", null, "Type it on the bank's authorization page and press Approve: "
                        + "the connection is authorized. Any user_good… name is its own person.", null),
                new TestCredential("(any user)", null, "Press Deny on the authorization page: ACCESS_DENIED.", null),
                new TestCredential("user_down", null, "Approve: the bank answers temporarily_unavailable, "
                        + "INSTITUTION_UNAVAILABLE.", null),
                new TestCredential("user_fail_second", null, SandboxUser.FAIL_SECOND.behaviour(), null),
                new TestCredential("user_slow", null, SandboxUser.SLOW.behaviour(), null));
    }
}

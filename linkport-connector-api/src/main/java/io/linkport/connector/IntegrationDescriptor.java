package io.linkport.connector;

import java.util.List;
import java.util.Objects;

/**
 * A catalog entry: one integration and everything it supports.
 *
 * @param id               stable identifier used in API calls ({@code tmobile}, {@code adp})
 * @param name             what the user sees ({@code T-Mobile})
 * @param category         {@code mobile_carrier}, {@code merchant}, {@code payroll}, {@code bank}, …
 * @param authMethod       credentials or OAuth
 * @param credentialFields the form fields for {@link AuthMethod#CREDENTIALS} (empty for OAuth)
 * @param resources        what can be read or changed, with the argument schema of each action
 * @param sandbox          true for simulated institutions, shown only to sandbox API keys
 * @param testCredentials  for sandbox integrations: documented test users and what they do
 */
public record IntegrationDescriptor(String id, String name, String category, AuthMethod authMethod,
                                    List<CredentialField> credentialFields, List<ResourceDescriptor> resources,
                                    boolean sandbox, List<TestCredential> testCredentials) {

    public IntegrationDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(authMethod, "authMethod");
        credentialFields = credentialFields == null ? List.of() : List.copyOf(credentialFields);
        resources = resources == null ? List.of() : List.copyOf(resources);
        testCredentials = testCredentials == null ? List.of() : List.copyOf(testCredentials);
    }

    /** The resource called {@code name}, or null. */
    public ResourceDescriptor resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}

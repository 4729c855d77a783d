package io.linkport.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.CredentialField;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.ResourceDescriptor;
import io.linkport.connector.TestCredential;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A catalog entry as {@code GET /v1/providers} shows it: schemas as JSON objects, test
 * credentials only for sandbox keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProviderView(String id, String name, String category, String authMethod, boolean sandbox,
                    List<CredentialField> credentialFields, List<ResourceView> resources,
                    List<TestCredential> testCredentials) {

    record ResourceView(String name, String description, String dataKey, JsonNode dataSchema, List<ActionView> actions) {
    }

    record ActionView(String name, String description, boolean changesData, JsonNode argumentsSchema) {
    }

    static ProviderView of(IntegrationDescriptor descriptor, JsonMapper json) {
        return new ProviderView(descriptor.id(), descriptor.name(), descriptor.category(),
                descriptor.authMethod().name().toLowerCase(Locale.ROOT), descriptor.sandbox(),
                descriptor.credentialFields(), descriptor.resources().stream().map(r -> resource(r, json)).toList(),
                descriptor.testCredentials().isEmpty() ? null : descriptor.testCredentials());
    }

    ProviderView withoutTestCredentials() {
        return new ProviderView(id, name, category, authMethod, sandbox, credentialFields, resources, null);
    }

    private static ResourceView resource(ResourceDescriptor resource, JsonMapper json) {
        JsonNode dataSchema = resource.dataSchema() == null || resource.dataSchema().isBlank()
                ? null : json.readTree(resource.dataSchema());
        return new ResourceView(resource.name(), resource.description(), resource.dataKey(), dataSchema,
                resource.actions().stream().map(a -> action(a, json)).toList());
    }

    private static ActionView action(ActionDescriptor action, JsonMapper json) {
        return new ActionView(action.name(), action.description(), action.changesData(),
                json.readTree(ProviderCatalog.argumentsSchema(action)));
    }
}

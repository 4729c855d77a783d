package io.linkport.providers;

import com.networknt.schema.Schema;
import io.linkport.common.Mode;
import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.Connector;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.ResourceDescriptor;
import io.linkport.web.JsonSchemaChecker;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The provider catalog: which integrations exist for a caller's mode, what they support, and
 * whether an operation's arguments are valid. Validation uses the very schemas the catalog
 * publishes, compiled once at start-up.
 */
@Service
public class ProviderCatalog {

    private static final String EMPTY_OBJECT_SCHEMA = """
            {"type":"object","additionalProperties":false}""";

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final JsonSchemaChecker checker;

    ProviderCatalog(ConnectorRegistry registry, JsonSchemaChecker checker, JsonMapper json) {
        this.checker = checker;
        for (Connector connector : registry.all()) {
            IntegrationDescriptor descriptor = connector.descriptor();
            Map<String, Schema> schemas = new HashMap<>();
            for (ResourceDescriptor resource : descriptor.resources()) {
                for (ActionDescriptor action : resource.actions()) {
                    schemas.put(resource.name() + "." + action.name(),
                            checker.compile(json.readTree(argumentsSchema(action))));
                }
            }
            providers.put(descriptor.id(), new Provider(descriptor, connector, Map.copyOf(schemas)));
        }
    }

    /** Integrations visible to a key of {@code mode}: sandbox institutions only to sandbox keys. */
    public List<Provider> list(Mode mode) {
        return providers.values().stream().filter(p -> visible(p, mode)).toList();
    }

    public Optional<Provider> find(String integrationId, Mode mode) {
        return Optional.ofNullable(integrationId == null ? null : providers.get(integrationId)).filter(p -> visible(p, mode));
    }

    /**
     * The integrations visible to {@code mode} that match every filter the query sets. Filter
     * values are checked against the whole catalog first: a value no integration has is a
     * validation error, not an empty list.
     */
    public List<Provider> search(Mode mode, ProviderQuery query) {
        List<ValidationIssue> issues = new ArrayList<>();
        Set<String> categories = new TreeSet<>();
        Set<String> resources = new TreeSet<>();
        Set<String> actions = new TreeSet<>();
        for (Provider provider : providers.values()) {
            categories.add(provider.descriptor().category());
            provider.descriptor().resources().forEach(r -> {
                resources.add(r.name());
                r.actions().forEach(a -> actions.add(a.name()));
            });
        }
        query.checkAgainst(categories, resources, actions, issues);
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return list(mode).stream().filter(query::matches).toList();
    }

    /** The schema an action's arguments are validated against: its own, or "no arguments" when it declares none. */
    public static String argumentsSchema(ActionDescriptor action) {
        return action.argumentsSchema() == null || action.argumentsSchema().isBlank()
                ? EMPTY_OBJECT_SCHEMA : action.argumentsSchema();
    }

    /**
     * Every problem with one operation: an unknown resource or action for the integration, or
     * arguments that do not match the action's schema. Paths start at {@code path}
     * ({@code operations[1]}), so they point at the exact field.
     */
    public List<ValidationIssue> validateOperation(Provider provider, String resource, String action, JsonNode arguments,
                                                   String path) {
        List<ValidationIssue> issues = new ArrayList<>();
        ResourceDescriptor descriptor = provider.descriptor().resource(resource);
        if (descriptor == null) {
            issues.add(new ValidationIssue(path + ".resource",
                    "'" + resource + "' is not a resource of " + provider.id()));
            return issues;
        }
        Schema schema = provider.argumentSchemas().get(resource + "." + action);
        if (schema == null) {
            issues.add(new ValidationIssue(path + ".action",
                    "'" + action + "' is not an action of " + provider.id() + " " + resource));
            return issues;
        }
        JsonNode args = arguments == null || arguments.isMissingNode() || arguments.isNull()
                ? JsonNodeFactory.instance.objectNode() : arguments;
        issues.addAll(checker.check(schema, args, path + ".arguments"));
        return issues;
    }

    private static boolean visible(Provider provider, Mode mode) {
        return mode == Mode.SANDBOX || !provider.descriptor().sandbox();
    }
}

package io.linkport.links;

import io.linkport.common.LinkportProperties;
import io.linkport.common.Mode;
import io.linkport.common.Urls;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks a {@code POST /v1/links} body completely and reports every problem at once, with paths
 * that point at the exact field ({@code operations[1].arguments.cvv}). Integration, resource,
 * action and arguments are checked against the provider catalog, with the schemas it publishes.
 */
@Component
class LinkRequestValidator {

    static final int MAX_OPERATIONS = 20;
    private static final Set<String> FIELDS = Set.of("integrationId", "operations", "webhookUrl", "returnUrl",
            "externalUserId", "debug", "expiresIn");
    private static final Set<String> OPERATION_FIELDS = Set.of("resource", "action", "arguments");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final ProviderCatalog catalog;
    private final LinkSettings settings;
    private final boolean productionServer;

    LinkRequestValidator(ProviderCatalog catalog, LinkSettings settings, LinkportProperties properties) {
        this.catalog = catalog;
        this.settings = settings;
        this.productionServer = properties.production();
    }

    /** A request that passed every check; {@code arguments} holds one object (or null) per operation. */
    record ValidRequest(String integrationId, List<LinkOperation> operations, List<JsonNode> arguments,
                        String webhookUrl, String returnUrl, String externalUserId, boolean debug, Duration expiresIn) {
    }

    ValidRequest validate(JsonNode body, Mode mode) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ValidationException.of("", "request body must be a JSON object");
        }
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                issues.add(new ValidationIssue(name, "is not a known field"));
            }
        });
        String integrationId = requiredString(body, "integrationId", issues);
        Provider provider = null;
        if (integrationId != null) {
            provider = catalog.find(integrationId, mode).orElse(null);
            if (provider == null) {
                issues.add(new ValidationIssue("integrationId", "'" + integrationId + "' is not a known integration"
                        + " (see GET /v1/providers)"));
            }
        }
        List<LinkOperation> operations = new ArrayList<>();
        List<JsonNode> arguments = new ArrayList<>();
        checkOperations(body.get("operations"), provider, operations, arguments, issues);
        String webhookUrl = optionalString(body, "webhookUrl", issues);
        if (webhookUrl != null && !(productionServer ? Urls.isHttpsUrl(webhookUrl) : Urls.isHttpUrl(webhookUrl))) {
            issues.add(new ValidationIssue("webhookUrl", productionServer ? "must be a valid https URL" : "must be a valid URL"));
        }
        String returnUrl = optionalString(body, "returnUrl", issues);
        if (returnUrl != null && !validReturnUrl(returnUrl, mode)) {
            issues.add(new ValidationIssue("returnUrl", "must be a valid https URL or app scheme (myapp://callback)"));
        }
        String externalUserId = optionalString(body, "externalUserId", issues);
        if (externalUserId != null && (externalUserId.isBlank() || externalUserId.length() > 255)) {
            issues.add(new ValidationIssue("externalUserId", "must be 1 to 255 characters"));
        }
        JsonNode debug = body.get("debug");
        if (debug != null && !debug.isNull() && !debug.isBoolean()) {
            issues.add(new ValidationIssue("debug", "must be a boolean"));
        }
        Duration expiresIn = expiresIn(body.get("expiresIn"), issues);
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return new ValidRequest(integrationId, List.copyOf(operations), arguments, webhookUrl, returnUrl, externalUserId,
                debug != null && debug.asBoolean(false), expiresIn);
    }

    private void checkOperations(JsonNode node, Provider provider, List<LinkOperation> operations,
                                 List<JsonNode> arguments, List<ValidationIssue> issues) {
        if (node == null || node.isNull()) {
            issues.add(new ValidationIssue("operations", "is required"));
            return;
        }
        if (!node.isArray()) {
            issues.add(new ValidationIssue("operations", "must be an array"));
            return;
        }
        if (node.isEmpty()) {
            issues.add(new ValidationIssue("operations", "must not be empty"));
            return;
        }
        if (node.size() > MAX_OPERATIONS) {
            issues.add(new ValidationIssue("operations", "must have at most " + MAX_OPERATIONS + " items"));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "operations[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                issues.add(new ValidationIssue(path, "must be an object"));
                continue;
            }
            item.propertyNames().forEach(name -> {
                if (!OPERATION_FIELDS.contains(name)) {
                    issues.add(new ValidationIssue(path + "." + name, "is not a known field"));
                }
            });
            String resource = requiredString(item, "resource", path, issues);
            String action = requiredString(item, "action", path, issues);
            JsonNode args = item.get("arguments");
            boolean argsOk = args == null || args.isNull() || args.isObject();
            if (!argsOk) {
                issues.add(new ValidationIssue(path + ".arguments", "must be an object"));
            }
            if (resource != null && action != null) {
                operations.add(new LinkOperation(resource, action));
                arguments.add(args == null || args.isNull() ? null : args);
                if (provider != null && argsOk) {
                    issues.addAll(catalog.validateOperation(provider, resource, action, args, path));
                }
            }
        }
    }

    private boolean validReturnUrl(String value, Mode mode) {
        if (Urls.isReturnUrl(value, false)) {
            return true;
        }
        // Plain http only for a sandbox key sending the user back to the developer's own machine.
        if (mode == Mode.SANDBOX && Urls.isHttpUrl(value)) {
            String host = URI.create(value).getHost().toLowerCase(Locale.ROOT);
            return URI.create(value).getScheme().equalsIgnoreCase("http") && LOOPBACK.contains(host);
        }
        return false;
    }

    private Duration expiresIn(JsonNode node, List<ValidationIssue> issues) {
        if (node == null || node.isNull()) {
            return settings.defaultExpiry();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            issues.add(new ValidationIssue("expiresIn", "must be a positive integer (seconds)"));
            return null;
        }
        if (node.asLong() > settings.maxExpiry().toSeconds()) {
            issues.add(new ValidationIssue("expiresIn", "must be at most " + settings.maxExpiry().toSeconds()
                    + " seconds"));
            return null;
        }
        return Duration.ofSeconds(node.asLong());
    }

    private static String requiredString(JsonNode body, String field, List<ValidationIssue> issues) {
        return requiredString(body, field, "", issues);
    }

    private static String requiredString(JsonNode body, String field, String prefix, List<ValidationIssue> issues) {
        String path = prefix.isEmpty() ? field : prefix + "." + field;
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            issues.add(new ValidationIssue(path, "is required"));
            return null;
        }
        if (!node.isString()) {
            issues.add(new ValidationIssue(path, "must be a string"));
            return null;
        }
        if (node.asString().isBlank()) {
            issues.add(new ValidationIssue(path, "must not be empty"));
            return null;
        }
        return node.asString();
    }

    private static String optionalString(JsonNode body, String field, List<ValidationIssue> issues) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            issues.add(new ValidationIssue(field, "must be a string"));
            return null;
        }
        return node.asString();
    }
}

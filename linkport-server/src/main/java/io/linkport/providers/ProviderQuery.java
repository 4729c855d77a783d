package io.linkport.providers;

import io.linkport.connector.ResourceDescriptor;
import io.linkport.web.ValidationIssue;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filters of {@code GET /v1/providers}; each is optional and they combine (AND). {@code resource}
 * and {@code action} together mean "has this resource with this action".
 *
 * @param q a case-insensitive piece of the integration's name or id
 */
public record ProviderQuery(String category, String resource, String action, String q) {

    static final int MAX_Q = 100;

    public ProviderQuery {
        category = blankToNull(category);
        resource = blankToNull(resource);
        action = blankToNull(action);
        q = blankToNull(q);
    }

    public static ProviderQuery all() {
        return new ProviderQuery(null, null, null, null);
    }

    void checkAgainst(Set<String> categories, Set<String> resources, Set<String> actions, List<ValidationIssue> issues) {
        if (category != null && !categories.contains(category)) {
            issues.add(new ValidationIssue("category", "must be one of " + String.join(", ", categories)));
        }
        if (resource != null && !resources.contains(resource)) {
            issues.add(new ValidationIssue("resource", "is not a resource of any integration"));
        }
        if (action != null && !actions.contains(action)) {
            issues.add(new ValidationIssue("action", "must be one of " + String.join(", ", actions)));
        }
        if (q != null && q.length() > MAX_Q) {
            issues.add(new ValidationIssue("q", "must be at most " + MAX_Q + " characters"));
        }
    }

    boolean matches(Provider provider) {
        if (category != null && !category.equals(provider.descriptor().category())) {
            return false;
        }
        if (q != null) {
            String needle = q.toLowerCase(Locale.ROOT);
            if (!provider.descriptor().name().toLowerCase(Locale.ROOT).contains(needle)
                    && !provider.id().toLowerCase(Locale.ROOT).contains(needle)) {
                return false;
            }
        }
        return resource == null && action == null || provider.descriptor().resources().stream().anyMatch(this::matches);
    }

    private boolean matches(ResourceDescriptor candidate) {
        return (resource == null || resource.equals(candidate.name()))
                && (action == null || candidate.action(action) != null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

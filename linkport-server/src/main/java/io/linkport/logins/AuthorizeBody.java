package io.linkport.logins;

import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code POST /v1/Authorize} bodies in the seed's casing ({@code LoginId},
 * {@code MostRecentCached}, {@code Save}, {@code RequestId}, {@code SecurityResponses}) or in
 * camelCase, and checks them.
 */
final class AuthorizeBody {

    private AuthorizeBody() {
    }

    static AuthorizeCommand parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("", "request body must be a JSON object");
        }
        List<ValidationIssue> issues = new ArrayList<>();
        String loginId = text(body, "LoginId", issues);
        String requestId = text(body, "RequestId", issues);
        Boolean cached = bool(body, "MostRecentCached", issues);
        Boolean save = bool(body, "Save", issues);
        Map<String, List<String>> responses = responses(field(body, "SecurityResponses"), issues);
        if (requestId != null && responses == null) {
            issues.add(new ValidationIssue("SecurityResponses", "is required with RequestId"));
        }
        if (requestId == null && loginId == null) {
            issues.add(new ValidationIssue("LoginId", "is required"));
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return new AuthorizeCommand(loginId, Boolean.TRUE.equals(cached), save, requestId, responses);
    }

    /** The field under its seed name or its camelCase name. */
    static JsonNode field(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null) {
            node = body.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
        }
        return node == null || node.isNull() ? null : node;
    }

    static String text(JsonNode body, String name, List<ValidationIssue> issues) {
        JsonNode node = field(body, name);
        if (node == null) {
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > 128) {
            issues.add(new ValidationIssue(name, "must be a non-empty string of at most 128 characters"));
            return null;
        }
        return node.asString();
    }

    private static Boolean bool(JsonNode body, String name, List<ValidationIssue> issues) {
        JsonNode node = field(body, name);
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        // The seed writes TRUE/FALSE; some clients send them as strings.
        if (node.isString() && (node.asString().equalsIgnoreCase("true") || node.asString().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asString().toLowerCase(java.util.Locale.ROOT));
        }
        issues.add(new ValidationIssue(name, "must be true or false"));
        return null;
    }

    private static Map<String, List<String>> responses(JsonNode node, List<ValidationIssue> issues) {
        if (node == null) {
            return null;
        }
        if (!node.isObject() || node.isEmpty()) {
            issues.add(new ValidationIssue("SecurityResponses", "must be an object of prompt → [answer]"));
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            List<String> answers = new ArrayList<>();
            if (value.isString()) {
                answers.add(value.asString());
            } else if (value.isArray()) {
                value.forEach(v -> answers.add(v.isString() ? v.asString() : null));
            }
            if (answers.isEmpty() || answers.contains(null)) {
                issues.add(new ValidationIssue("SecurityResponses." + entry.getKey(), "must be a list of strings"));
            }
            out.put(entry.getKey(), answers);
        }
        return out;
    }
}

package io.linkport.web;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Compiles JSON Schemas once and turns their errors into {@link ValidationIssue}s whose paths
 * read like the request body ({@code operations[1].arguments.cvv}). Both request bodies and
 * operation arguments go through this one class, so what the catalog publishes and what the
 * API enforces can never disagree.
 */
@Component
public class JsonSchemaChecker {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    public Schema compile(JsonNode schema) {
        return registry.getSchema(schema);
    }

    public Schema compileClasspath(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + path, e);
        }
    }

    /** Every issue of {@code node} against {@code schema}, each path behind {@code prefix}. */
    public List<ValidationIssue> check(Schema schema, JsonNode node, String prefix) {
        List<ValidationIssue> issues = new ArrayList<>();
        for (com.networknt.schema.Error error : schema.validate(node)) {
            String path = join(prefix, render(error.getInstanceLocation()));
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                path = join(path, error.getProperty());
            } else if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                path = join(path, error.getProperty());
            }
            issues.add(new ValidationIssue(path, message(error)));
        }
        return issues;
    }

    private static String message(com.networknt.schema.Error error) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            default -> stripLocation(error.getMessage());
        };
    }

    private static String stripLocation(String message) {
        if (message == null) {
            return "is invalid";
        }
        if (message.startsWith("$")) {
            int colon = message.indexOf(": ");
            if (colon > 0) {
                return message.substring(colon + 2);
            }
        }
        return message;
    }

    static String render(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Number index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    public static String join(String prefix, String path) {
        if (prefix == null || prefix.isEmpty()) {
            return path;
        }
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
}

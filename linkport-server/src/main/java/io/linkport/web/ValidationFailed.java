package io.linkport.web;

import java.util.List;

/** Seed 002's validation body: {@code {"error":"Validation failed","issues":[{path,message}]}}. */
public record ValidationFailed(String error, List<ValidationIssue> issues, String requestId) {

    public static final String ERROR = "Validation failed";

    public static ValidationFailed of(List<ValidationIssue> issues) {
        return new ValidationFailed(ERROR, List.copyOf(issues), RequestIds.current());
    }
}

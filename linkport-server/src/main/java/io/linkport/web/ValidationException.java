package io.linkport.web;

import java.util.List;

/** Thrown when a request body breaks one or more rules; carries every issue, not just the first. */
public class ValidationException extends RuntimeException {

    private final List<ValidationIssue> issues;

    public ValidationException(List<ValidationIssue> issues) {
        super(issues.size() + " validation issue(s)");
        this.issues = List.copyOf(issues);
    }

    public static ValidationException of(String path, String message) {
        return new ValidationException(List.of(new ValidationIssue(path, message)));
    }

    public List<ValidationIssue> issues() {
        return issues;
    }
}

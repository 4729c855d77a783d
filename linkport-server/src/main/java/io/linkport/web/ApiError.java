package io.linkport.web;

/** The body of every error that is not a validation failure. */
public record ApiError(String error, String message, String requestId) {
}

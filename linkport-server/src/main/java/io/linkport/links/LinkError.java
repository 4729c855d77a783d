package io.linkport.links;

/**
 * Why a link failed, or why the last login attempt did not pass. {@code code} is a connector
 * {@code FailureCode} name or one of Linkport's own: {@code USER_EXITED}, {@code INTERRUPTED}
 * (the node running it stopped), {@code INVALID_ARGUMENTS}.
 */
public record LinkError(String code, String message, boolean retryable) {
}

package io.linkport.links;

/**
 * Why a link failed, or why the last login attempt did not pass. {@code code} is a connector
 * {@code FailureCode} name or one of Linkport's own: {@code USER_EXITED}, {@code INTERRUPTED}
 * (the node running it stopped), {@code INVALID_ARGUMENTS}, {@link #INTERNAL_ERROR}.
 */
public record LinkError(String code, String message, boolean retryable) {

    /** The run failed on Linkport's side (its database did not answer, say), not at the institution. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
}

package io.linkport.links;

/**
 * A step of a run that has happened but is not written yet: the login succeeded (and the first
 * operation started), or operation {@code operation} completed (and the next one started).
 * {@link LinkLifecycle} writes such steps, in order and each with its event, with the run's next
 * state change.
 */
public record RunStep(Kind kind, int operation) {

    public enum Kind { LOGGED_IN, OPERATION_COMPLETED }

    public static RunStep loggedIn() {
        return new RunStep(Kind.LOGGED_IN, 0);
    }

    public static RunStep operationCompleted(int index) {
        return new RunStep(Kind.OPERATION_COMPLETED, index);
    }
}

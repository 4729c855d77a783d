package io.linkport.links;

/**
 * A link whose login has just begun, with its operations' arguments as stored (sealed): read by
 * the same statement that began the login, opened only by {@link LinkService#arguments(StartedRun)}
 * once the login succeeds.
 */
public record StartedRun(Link link, String argumentsSealed) {
}

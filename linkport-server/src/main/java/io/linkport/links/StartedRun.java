package io.linkport.links;

/**
 * A link that has just logged in and started running, with its operations' arguments as stored
 * (sealed): read by the same statement that started the run, opened only by
 * {@link LinkService#arguments(StartedRun)}.
 */
public record StartedRun(Link link, String argumentsSealed) {
}

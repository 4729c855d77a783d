package io.linkport.events;

/**
 * Published synchronously, inside the transaction that appended the event, so listeners (the
 * webhook outbox) write their rows in that same transaction: a rollback takes them all back.
 */
public record EventAppended(Event event) {
}

package io.linkport.events;

import io.linkport.common.Mode;

/**
 * A page request on the event log: one tenant and mode, optional filters, and a position —
 * {@code fromSeq} exclusive, walking forward when {@code ascending}, backward (newest first) otherwise.
 */
public record EventQuery(String tenantId, Mode mode, EventType type, String linkId, String endUserId, Long fromSeq,
                         boolean ascending) {
}

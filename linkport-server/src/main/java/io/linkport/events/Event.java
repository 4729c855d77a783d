package io.linkport.events;

import io.linkport.common.Mode;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable record of something that happened. Its public form is seed 001's envelope
 * ({@link #envelope()}); {@code tenantId}, {@code mode}, {@code linkId} and {@code endUserId}
 * are kept beside it for routing and filtering. {@code callbackUrl} is the per-link webhook URL
 * (seed 002's {@code webhookUrl}, seed 000's {@code webhook_url}) this event must also be
 * delivered to; it is known only when the event is appended and is not part of the envelope.
 */
public record Event(long seq, String id, String tenantId, Mode mode, EventType type, int version, String linkId,
                    String endUserId, Map<String, Object> data, Instant createdAt, String callbackUrl) {

    public static final int VERSION = 1;

    Event withSeq(long assigned) {
        return new Event(assigned, id, tenantId, mode, type, version, linkId, endUserId, data, createdAt, callbackUrl);
    }

    /** Seed 001's envelope: {@code {"id","version","type","createdAt","data"}}. */
    public Envelope envelope() {
        // Seed 001 writes createdAt to the second ("2021-04-14T09:30:24Z"); order comes from seq.
        return new Envelope(id, version, type.name(), createdAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), data);
    }

    public record Envelope(String id, int version, String type, Instant createdAt, Map<String, Object> data) {
    }
}

package io.linkport.events;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events. Callers append inside the transaction of the state change the event records
 * ({@code MANDATORY}), so the change and its event — and, through {@link EventAppended}, its
 * webhook deliveries — commit or roll back together.
 */
@Service
public class EventLog {

    private final JdbcEventRepository events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    EventLog(JdbcEventRepository events, ApplicationEventPublisher publisher, Clock clock) {
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Records an event. {@code data} keys {@code linkId} and {@code endUserId}, when present, are
     * also indexed for filtering. Nulls in {@code data} are dropped.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Event append(String tenantId, Mode mode, EventType type, Map<String, Object> data) {
        return append(tenantId, mode, type, data, null);
    }

    /** As {@link #append(String, Mode, EventType, Map)}, also to be delivered to the link's own {@code callbackUrl}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Event append(String tenantId, Mode mode, EventType type, Map<String, Object> data, String callbackUrl) {
        Event draft = draft(tenantId, mode, type, data, callbackUrl);
        Event event = draft.withSeq(events.insert(draft));
        publisher.publishEvent(new EventAppended(event));
        return event;
    }

    /**
     * As {@link #append(String, Mode, EventType, Map, String)}, the row written through
     * {@link io.linkport.common.BatchedWrites} — with the other units' events when called in a
     * {@link io.linkport.common.GroupTransaction}. Returns nothing: the row's seq is assigned when
     * it is written. Its webhook deliveries are queued at once, in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendBatched(String tenantId, Mode mode, EventType type, Map<String, Object> data, String callbackUrl) {
        Event draft = draft(tenantId, mode, type, data, callbackUrl);
        events.insertBatched(draft);
        publisher.publishEvent(new EventAppended(draft));
    }

    /** The event as it will be stored, before the database gives it its seq ({@code 0} here). */
    private Event draft(String tenantId, Mode mode, EventType type, Map<String, Object> data, String callbackUrl) {
        Map<String, Object> clean = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value != null) {
                clean.put(key, value);
            }
        });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Event(0, Ids.prefixed("et-"), tenantId, mode, type, Event.VERSION, (String) clean.get("linkId"),
                (String) clean.get("endUserId"), Collections.unmodifiableMap(clean), now, callbackUrl);
    }

    /** Up to {@code limit} events matching {@code query}, in its direction. */
    public java.util.List<Event> list(EventQuery query, int limit) {
        return events.list(query, limit);
    }

    public Optional<Event> find(String tenantId, String eventId) {
        return events.find(tenantId, eventId);
    }
}

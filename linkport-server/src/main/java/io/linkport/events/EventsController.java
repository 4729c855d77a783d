package io.linkport.events;

import io.linkport.tenants.ApiCaller;
import io.linkport.web.ApiException;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/events}: the caller's events (its tenant, its key's mode), newest first, or
 * forward from a cursor — which also makes the API a pollable feed. {@code nextCursor} carries its
 * direction, so a client just passes it back as {@code cursor}; in forward mode it is returned
 * even on an empty page, to poll from.
 */
@RestController
@Tag(name = "Events", description = "The event log; the same envelopes webhooks carry")
class EventsController {

    private static final int MAX_LIMIT = 100;

    private final EventLog events;

    EventsController(EventLog events) {
        this.events = events;
    }

    record EventPage(List<Event.Envelope> data, boolean hasMore, String nextCursor) {
    }

    @GetMapping(value = "/v1/events", produces = "application/json")
    @Operation(summary = "List events newest first, or forward after a cursor; filter by type, linkId, endUserId")
    EventPage list(ApiCaller caller, @RequestParam(required = false) String type,
                   @RequestParam(required = false) String linkId, @RequestParam(required = false) String endUserId,
                   @RequestParam(required = false) String after, @RequestParam(required = false) String cursor,
                   @RequestParam(required = false) String limit) {
        List<ValidationIssue> issues = new ArrayList<>();
        EventType eventType = parseType(type, issues);
        int size = parseLimit(limit, issues);
        Position position = parsePosition(caller, after, cursor, issues);
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        EventQuery query = new EventQuery(caller.tenantId(), caller.mode(), eventType, linkId, endUserId, position.seq(),
                position.ascending());
        List<Event> page = events.list(query, size + 1);
        boolean hasMore = page.size() > size;
        List<Event> shown = hasMore ? page.subList(0, size) : page;
        Long last = shown.isEmpty() ? position.seq() : Long.valueOf(shown.get(shown.size() - 1).seq());
        String next = position.ascending() ? encode(true, last == null ? 0 : last)
                : hasMore ? encode(false, last) : null;
        return new EventPage(shown.stream().map(Event::envelope).toList(), hasMore, next);
    }

    @GetMapping(value = "/v1/events/{id}", produces = "application/json")
    @Operation(summary = "One event, in the webhook envelope")
    Event.Envelope get(ApiCaller caller, @PathVariable String id) {
        return events.find(caller.tenantId(), id).filter(e -> e.mode() == caller.mode()).map(Event::envelope)
                .orElseThrow(() -> ApiException.notFound("event_not_found", "No event " + id + "."));
    }

    private record Position(Long seq, boolean ascending) {
    }

    private Position parsePosition(ApiCaller caller, String after, String cursor, List<ValidationIssue> issues) {
        if (after != null && cursor != null) {
            issues.add(new ValidationIssue("cursor", "give either after or cursor, not both"));
            return new Position(null, false);
        }
        if (cursor != null) {
            Position decoded = decode(cursor);
            if (decoded == null) {
                issues.add(new ValidationIssue("cursor", "is not a cursor from nextCursor"));
                return new Position(null, false);
            }
            return decoded;
        }
        if (after != null) {
            if (after.startsWith("et-")) {
                return events.find(caller.tenantId(), after).filter(e -> e.mode() == caller.mode())
                        .map(e -> new Position(e.seq(), true))
                        .orElseGet(() -> {
                            issues.add(new ValidationIssue("after", "is not an event of this tenant"));
                            return new Position(null, true);
                        });
            }
            Position decoded = decode(after);
            if (decoded == null) {
                issues.add(new ValidationIssue("after", "must be an event id or a cursor"));
                return new Position(null, true);
            }
            return new Position(decoded.seq(), true);
        }
        return new Position(null, false);
    }

    private static EventType parseType(String type, List<ValidationIssue> issues) {
        if (type == null) {
            return null;
        }
        try {
            return EventType.valueOf(type);
        } catch (IllegalArgumentException e) {
            issues.add(new ValidationIssue("type", "is not a known event type"));
            return null;
        }
    }

    private static int parseLimit(String limit, List<ValidationIssue> issues) {
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        issues.add(new ValidationIssue("limit", "must be an integer from 1 to " + MAX_LIMIT));
        return 20;
    }

    static String encode(boolean ascending, long seq) {
        String raw = (ascending ? "a" : "d") + ":" + seq;
        return "evc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        if (!cursor.startsWith("evc_")) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.substring(4)), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 2);
            if (parts.length != 2 || !(parts[0].equals("a") || parts[0].equals("d"))) {
                return null;
            }
            return new Position(Long.parseLong(parts[1]), parts[0].equals("a"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

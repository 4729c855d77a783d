package io.linkport.links;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The step-by-step trace of a link created with {@code debug: true}. Callers pass only names,
 * counts and codes (field names, resource names, failure codes), never values: a trace is meant
 * to be pasted into a support ticket.
 */
@Service
public class LinkTraces {

    private final JdbcLinkTraceRepository traces;
    private final Clock clock;

    LinkTraces(JdbcLinkTraceRepository traces, Clock clock) {
        this.traces = traces;
        this.clock = clock;
    }

    /** Records a step when the link is being debugged; does nothing otherwise. */
    public void record(Link link, String step, String detail) {
        if (link.debug()) {
            traces.insert(link.id(), step, clip(detail), clock.instant());
        }
    }

    /** The first step of a link created in the same transaction, written with the link's row. */
    void recordCreated(Link link, String step, String detail) {
        if (link.debug()) {
            traces.insertAfterLink(link.id(), step, clip(detail), clock.instant());
        }
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    List<TraceStep> list(String linkId) {
        return traces.list(linkId);
    }
}

package io.linkport.sessions;

import java.util.List;
import java.util.Map;

/**
 * Published (synchronously, on the run's thread, after LINK_COMPLETED is committed and outside any
 * transaction) when a run's operations all succeeded: the seam that lets a saved login keep what
 * the run read as its first cached data. {@code reads} is each read operation's data, in order.
 */
public record RunCompleted(String linkId, List<Map<String, Object>> reads) {

    @Override
    public String toString() {
        return "RunCompleted[linkId=" + linkId + "]";
    }
}

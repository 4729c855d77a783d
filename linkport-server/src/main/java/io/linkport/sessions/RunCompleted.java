package io.linkport.sessions;

import java.util.List;
import java.util.Map;

/**
 * Published (synchronously, on the run's thread, inside the transaction that writes LINK_COMPLETED)
 * when a run's operations all succeeded: the seam that lets a saved login keep what the run read as
 * its first cached data, committed with the completion. A listener that can fail without undoing
 * the completion must write in a nested transaction (a savepoint). {@code reads} is each read
 * operation's data, in order. {@code forLogin}: the link was made for a saved login.
 */
public record RunCompleted(String linkId, boolean forLogin, List<Map<String, Object>> reads) {

    @Override
    public String toString() {
        return "RunCompleted[linkId=" + linkId + "]";
    }
}

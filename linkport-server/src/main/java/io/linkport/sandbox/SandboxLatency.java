package io.linkport.sandbox;

import io.linkport.connector.ConnectorContext;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Makes a simulated institution take its time. A wait that would pass the caller's deadline is
 * not sat through: the call answers at once that it timed out, so no thread sleeps for an answer
 * nobody will read.
 */
@Component
class SandboxLatency {

    private final SandboxProperties properties;

    SandboxLatency(SandboxProperties properties) {
        this.properties = properties;
    }

    /** Waits the global latency plus {@code extra}; false when that would pass the deadline. */
    boolean await(Duration extra, ConnectorContext context) {
        Duration total = properties.latency().plus(extra);
        if (context != null && context.deadline() != null && total.compareTo(context.remaining()) > 0) {
            return false;
        }
        if (total.isZero() || total.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(total.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Duration slowUserDelay() {
        return properties.slowDelay();
    }

    Duration slowInstitutionLatency() {
        return properties.slowInstitutionLatency();
    }
}

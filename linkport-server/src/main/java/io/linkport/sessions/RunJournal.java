package io.linkport.sessions;

import io.linkport.links.Link;
import io.linkport.links.LinkError;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.RunStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state changes of one run once its login succeeded, written as seldom as the run allows.
 * Progress nobody has to act on — the login succeeded, an operation completed and the next one
 * started — is kept here and written with the run's next change: a run whose institution answers
 * quickly writes its login, its operations and its completion as one change instead of three, each
 * still with its own event, in order. Progress still unwritten after {@code delay} is written on
 * its own, from a timer, so the widget and the webhooks hear of a slow run's steps at most that
 * late. Nothing anyone was told can be lost: unwritten progress has no event yet, and a run whose
 * node dies is failed with {@code INTERRUPTED} whether or not its progress was written.
 */
final class RunJournal {

    private static final Logger log = LoggerFactory.getLogger(RunJournal.class);

    private final LinkLifecycle lifecycle;
    private final ConnectorCalls calls;
    private final Duration delay;
    // the run's thread and the timer's write both go through this lock, one change at a time
    private final ReentrantLock lock = new ReentrantLock();
    private final List<RunStep> pending = new ArrayList<>();
    private Link written;
    private List<String> progress;
    private ScheduledFuture<?> timer;
    private boolean over;

    /** {@code authenticating}: the link as its login began, the last state written. */
    RunJournal(LinkLifecycle lifecycle, ConnectorCalls calls, Duration delay, Link authenticating) {
        this.lifecycle = lifecycle;
        this.calls = calls;
        this.delay = delay;
        this.written = authenticating;
    }

    /** Records {@code step}, which left the run at {@code progress}; false when the run must stop (the link changed elsewhere). */
    boolean record(RunStep step, List<String> progress) {
        lock.lock();
        try {
            if (over) {
                return false;
            }
            pending.add(step);
            this.progress = List.copyOf(progress);
            if (delay.isZero()) {
                return writePending();
            }
            if (timer == null) {
                timer = calls.later(delay, this::flushLate);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is pending now (a saved login needs LOGIN_SUCCEEDED committed); false when the run must stop. */
    boolean flush() {
        lock.lock();
        try {
            return !over && (pending.isEmpty() || writePending());
        } finally {
            lock.unlock();
        }
    }

    /** The last operation completed: the link completes, with whatever progress is still pending. */
    void complete(List<String> progress, String resultJson, Runnable alsoWrite) {
        end(steps -> lifecycle.complete(written, progress, steps, resultJson, alsoWrite));
    }

    /** The run failed: the link fails, after the events of whatever progress is still pending. */
    void fail(List<String> progress, LinkError error) {
        end(steps -> lifecycle.fail(written, progress, steps, error));
    }

    private void end(Function<List<RunStep>, Optional<Link>> write) {
        lock.lock();
        try {
            if (over) {
                return;
            }
            over = true;
            cancelTimer();
            write.apply(List.copyOf(pending));
            pending.clear();
        } finally {
            lock.unlock();
        }
    }

    private void flushLate() {
        try {
            flush();
        } catch (RuntimeException e) {
            // the run's next change writes it instead
            log.warn("Could not write the progress of link {}: {}", written.id(), e.toString());
        }
    }

    private boolean writePending() {
        cancelTimer();
        Optional<Link> changed = lifecycle.advance(written, progress, List.copyOf(pending));
        pending.clear();
        changed.ifPresentOrElse(link -> written = link, () -> over = true);
        return !over;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}

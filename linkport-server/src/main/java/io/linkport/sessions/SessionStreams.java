package io.linkport.sessions;

import io.linkport.links.Link;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/session/stream}: polls the database (state lives there, whichever node runs
 * the link) and sends the session whenever it changed, until the link finishes or the session
 * credential expires.
 */
@Component
class SessionStreams implements DisposableBean {

    private static final long POLL_MILLIS = 300;

    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "linkport-session-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final SessionService sessions;
    private final SessionViews views;
    private final JsonMapper json;

    SessionStreams(SessionService sessions, SessionViews views, JsonMapper json) {
        this.sessions = sessions;
        this.views = views;
        this.json = json;
    }

    SseEmitter open(SessionCaller caller) {
        long lifetime = Math.max(1, Duration.between(Instant.now(), caller.expiresAt()).toMillis());
        SseEmitter emitter = new SseEmitter(lifetime);
        AtomicReference<String> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        task.set(poller.scheduleWithFixedDelay(() -> {
            try {
                Link link = sessions.reread(caller);
                String text = json.writeValueAsString(views.of(link, caller.expiresAt()));
                if (!text.equals(last.getAndSet(text))) {
                    emitter.send(SseEmitter.event().data(text, MediaType.APPLICATION_JSON));
                }
                if (link.status().terminal()) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | RuntimeException e) {
                stop.run();
                emitter.completeWithError(e);
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
        return emitter;
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}

package io.linkport.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A piece of start-up work run on a thread of its own, beside the rest of the start: the main
 * thread builds beans one after another, and work that nothing needs yet (a migration, loading
 * keys) need not hold it up. Whoever needs the result awaits it; a failure is rethrown there, so
 * it still fails the start.
 */
public final class StartupTask {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    private StartupTask(String name, Runnable work) {
        this.thread = new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
    }

    public static StartupTask start(String name, Runnable work) {
        StartupTask task = new StartupTask(name, work);
        task.thread.start();
        return task;
    }

    public boolean runsOnCurrentThread() {
        return thread == Thread.currentThread();
    }

    /** Blocks until the work is done; its failure becomes an IllegalStateException with this message. */
    public void await(String failureMessage) {
        try {
            done.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(failureMessage, e.getCause());
        }
    }
}

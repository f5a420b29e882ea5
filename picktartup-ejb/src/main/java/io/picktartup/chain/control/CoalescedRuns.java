package io.picktartup.chain.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One pass at a time of a worker woken from several threads (its tick, a queued intent, a confirmation): a wake while
 * a pass runs makes that pass go once more instead of starting a second one, and is never lost, also when it comes as
 * the running pass ends.
 */
public final class CoalescedRuns {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** A run is queued on a thread by {@link #runSoon} and has not started yet. */
    private final AtomicBoolean queued = new AtomicBoolean();

    /** Runs {@code pass} now, or has the pass under way on another thread run once more. */
    public void run(Runnable pass) {
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                while (again.getAndSet(false)) {
                    pass.run();
                }
            } finally {
                running.set(false);
            }
        }
    }

    /**
     * Has {@code pass} run soon on {@code thread} (as {@link #run}): at most one run waits there, and a wake while one
     * waits is covered by it; nothing is queued once the thread is shut down.
     */
    public void runSoon(java.util.concurrent.Executor thread, Runnable pass) {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                queued.set(false);
                run(pass);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.set(false); // stopping
        }
    }
}

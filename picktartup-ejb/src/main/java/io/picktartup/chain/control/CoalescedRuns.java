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
}

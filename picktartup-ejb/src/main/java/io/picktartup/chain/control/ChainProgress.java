package io.picktartup.chain.control;

import io.picktartup.chain.entity.ChainTransactionsSettled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;

/**
 * An in-JVM hint that the chain's ledger in the database moved: intents reached their end (a receipt pass confirmed
 * or failed them, a signing pass refused them; told after their commit) or the event indexer stored a step. Whoever
 * waits for the chain between steps (the settlement job) waits on it instead of a fixed sleep, still bounded by its
 * own timeout: the database stays the truth, a hint only ends the wait early (on another member of a cluster, or
 * when one is missed, the bound is the wait it was before).
 */
@ApplicationScoped
public class ChainProgress {

    /** Counts every move; a waiter compares it with the count it saw before it read the database. */
    private long moves;

    /** The moves so far: read before looking at the database, then {@link #awaitAfter} that count. */
    public synchronized long seen() {
        return moves;
    }

    /** The ledger moved (called after the commit that moved it). */
    public synchronized void moved() {
        moves++;
        notifyAll();
    }

    /**
     * Waits until the ledger moved after {@code seen} was read, at most {@code max}; returns at once if it moved
     * meanwhile. True if it moved.
     */
    public synchronized boolean awaitAfter(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (moves == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public void onSettled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChainTransactionsSettled pass) {
        moved();
    }
}

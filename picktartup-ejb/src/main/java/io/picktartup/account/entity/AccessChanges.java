package io.picktartup.account.entity;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether what a request may act as could have changed in this process: an epoch that moves on every change of an
 * account or a login session (an entity listener of {@link Account} and {@link SessionFamily}, and
 * {@link #changed()} for bulk updates), once when the change is flushed and once more when its transaction ends, so a
 * session read by a concurrent request between the two (the old, still committed row) is not trusted either. A cache
 * of live sessions keeps an answer only while the epoch it was read in is current.
 */
public class AccessChanges {

    private static final AtomicLong EPOCH = new AtomicLong();

    /** The current epoch: compare before and after a read, and with what was remembered. */
    public static long epoch() {
        return EPOCH.get();
    }

    @PostUpdate
    @PostRemove
    void entityChanged(Object entity) {
        changed();
    }

    /**
     * An account or a session changed (or will, when the current transaction commits): every remembered answer is
     * stale now, and again when the transaction ends.
     */
    public static void changed() {
        EPOCH.incrementAndGet();
        try {
            TransactionSynchronizationRegistry registry =
                    InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
            if (registry.getTransactionStatus() == Status.STATUS_ACTIVE) {
                registry.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        EPOCH.incrementAndGet();
                    }
                });
                return;
            }
        } catch (NamingException | IllegalStateException e) {
            // no transaction to wait for (outside the container, or already completing): the grace below covers it
        }
        LATE.set(System.nanoTime() + GRACE_NANOS);
    }

    /** Without a synchronization, nothing read within this long after a change is remembered. */
    static final long GRACE_NANOS = 2_000_000_000L;
    private static final AtomicLong LATE = new AtomicLong(System.nanoTime());

    /** Whether an answer read now may be remembered (no change is still on its way to a commit). */
    public static boolean settled() {
        return System.nanoTime() - LATE.get() >= 0;
    }
}

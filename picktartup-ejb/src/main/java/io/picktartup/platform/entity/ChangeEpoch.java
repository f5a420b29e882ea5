package io.picktartup.platform.entity;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether rows of one kind could have changed in this process: an epoch that moves once when a change is flushed and
 * once more when its transaction ends, so a row read by a concurrent request between the two (the old, still committed
 * one) is not trusted either. A cache keeps an answer only while the epoch it was read in is current and nothing is
 * {@linkplain #settled() still on its way} to a commit.
 */
public final class ChangeEpoch {

    /** Without a synchronization, nothing read within this long after a change is remembered. */
    public static final long GRACE_NANOS = 2_000_000_000L;

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong late = new AtomicLong(System.nanoTime());

    /** The current epoch: compare before and after a read, and with what was remembered. */
    public long current() {
        return epoch.get();
    }

    /** A row changed (or will, when the current transaction commits): remembered answers are stale now and then. */
    public void changed() {
        epoch.incrementAndGet();
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
                        epoch.incrementAndGet();
                    }
                });
                return;
            }
        } catch (NamingException | IllegalStateException e) {
            // no transaction to wait for (outside the container, or already completing): the grace below covers it
        }
        late.set(System.nanoTime() + GRACE_NANOS);
    }

    /** Whether an answer read now may be remembered (no change is still on its way to a commit). */
    public boolean settled() {
        return System.nanoTime() - late.get() >= 0;
    }
}

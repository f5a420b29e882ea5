package io.picktartup.wallet.entity;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a wallet row (which address an account has) could have changed in this process: an epoch that moves on every
 * new, changed or removed {@link Wallet} (an entity listener), once when the change is flushed and once more when its
 * transaction ends, so a wallet read by a concurrent request between the two (the old, still committed row) is not
 * trusted either. A cache of what an account shows (its wallet's address among it) keeps an answer only while the
 * epoch it was read in is current. The same two-step rule as the account's own {@code AccessChanges}.
 */
public class WalletChanges {

    private static final AtomicLong EPOCH = new AtomicLong();
    /** Without a synchronization, nothing read within this long after a change is remembered. */
    static final long GRACE_NANOS = 2_000_000_000L;
    private static final AtomicLong LATE = new AtomicLong(System.nanoTime());

    /** The current epoch: compare before and after a read, and with what was remembered. */
    public static long epoch() {
        return EPOCH.get();
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void walletChanged(Object wallet) {
        changed();
    }

    /** A wallet changed (or will, when the current transaction commits): remembered answers are stale now and then. */
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

    /** Whether an answer read now may be remembered (no wallet change is still on its way to a commit). */
    public static boolean settled() {
        return System.nanoTime() - LATE.get() >= 0;
    }
}

package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.ChangeEpoch;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Whether a wallet row (which address an account has) could have changed in this process: an epoch that moves on every
 * new, changed or removed {@link Wallet} (an entity listener), once when the change is flushed and once more when its
 * transaction ends, so a wallet read by a concurrent request between the two (the old, still committed row) is not
 * trusted either. A cache of what an account shows (its wallet's address among it) keeps an answer only while the
 * epoch it was read in is current. The same two-step rule as the account's own {@code AccessChanges}.
 */
public class WalletChanges {

    private static final ChangeEpoch EPOCH = new ChangeEpoch();

    /** The current epoch: compare before and after a read, and with what was remembered. */
    public static long epoch() {
        return EPOCH.current();
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void walletChanged(Object wallet) {
        changed();
    }

    /** A wallet changed (or will, when the current transaction commits): stale now and again at its end. */
    public static void changed() {
        EPOCH.changed();
    }

    /** Whether an answer read now may be remembered (no change is still on its way to a commit). */
    public static boolean settled() {
        return EPOCH.settled();
    }
}

package io.picktartup.account.entity;

import io.picktartup.platform.entity.ChangeEpoch;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Whether what a request may act as could have changed in this process: an epoch that moves on every change of an
 * account or a login session (an entity listener of {@link Account} and {@link SessionFamily}, and
 * {@link #changed()} for bulk updates), once when the change is flushed and once more when its transaction ends, so a
 * session read by a concurrent request between the two (the old, still committed row) is not trusted either. A cache
 * of live sessions keeps an answer only while the epoch it was read in is current.
 */
public class AccessChanges {

    private static final ChangeEpoch EPOCH = new ChangeEpoch();

    /** The current epoch: compare before and after a read, and with what was remembered. */
    public static long epoch() {
        return EPOCH.current();
    }

    @PostUpdate
    @PostRemove
    void entityChanged(Object entity) {
        changed();
    }

    /** An account or a session changed (or will, when the current transaction commits): stale now and again at its end. */
    public static void changed() {
        EPOCH.changed();
    }

    /** Whether an answer read now may be remembered (no change is still on its way to a commit). */
    public static boolean settled() {
        return EPOCH.settled();
    }
}

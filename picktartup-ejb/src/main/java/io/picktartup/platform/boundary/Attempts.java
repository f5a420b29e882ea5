package io.picktartup.platform.boundary;

import io.picktartup.platform.control.Throttle;
import io.picktartup.platform.entity.ThrottlePolicy;
import io.picktartup.platform.entity.TooManyAttemptsException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Attempts at a secret (logins, passwords asked again, wallet passwords) for brute-force throttling. An attempt is
 * counted before the secret is checked, in its own transaction committed at once: it counts even though the use case
 * then fails and rolls back, and concurrent attempts see it while the slow check runs. Call {@link #attempt} before
 * touching the database in the caller's transaction, so a request never holds two connections while it waits.
 */
@Stateless
public class Attempts {

    /** A throttle key and the policy it is counted under. */
    public record Key(String key, ThrottlePolicy policy) {
    }

    @Inject
    Throttle throttle;

    /** Counts one attempt for the key; refuses (429 problem with Retry-After, nothing counted) while it is blocked. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(String key, ThrottlePolicy policy) {
        attempt(List.of(new Key(key, policy)));
    }

    /**
     * Counts one attempt for each key, in the given order (keep one order everywhere: the rows are locked in it).
     * When any key is blocked, nothing is counted at all and the attempt is refused.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(List<Key> keys) {
        for (Key key : keys) {
            throttle.attempt(key.key(), key.policy()).ifPresent(blocked -> {
                // an application exception with rollback: the keys counted before this one are given back
                throw new TooManyAttemptsException(blocked.toSeconds() + 1);
            });
        }
    }

    /** The attempt succeeded: the key's count and block are forgotten. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void succeeded(String key) {
        throttle.reset(key);
    }

    /** The attempt succeeded: it no longer counts against a key shared with others (an account, an address). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void refund(Key key) {
        throttle.refund(key.key(), key.policy());
    }

    /** Forgets every key that begins with the prefix (an admin unlocking an account); returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int forget(String prefix) {
        return throttle.resetAll(prefix);
    }
}

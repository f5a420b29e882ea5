package io.picktartup.platform.boundary;

import io.picktartup.platform.control.Throttle;
import io.picktartup.platform.entity.ThrottlePolicy;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Failed attempts (logins, passwords asked again, wallet passwords) for brute-force throttling. A failure is
 * recorded in its own transaction: it must count even though the use case that saw it then fails and rolls back.
 */
@Stateless
public class Attempts {

    @Inject
    Throttle throttle;

    /** Refuses (429 problem with Retry-After) when any of the keys is blocked. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void check(Collection<String> keys) {
        throttle.check(keys);
    }

    /** Counts a failure for the key; returns how long it is now blocked (zero: not blocked). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Duration failed(String key, ThrottlePolicy policy) {
        return throttle.failure(key, policy);
    }

    /** Counts a failure for each key under its own policy. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(Map<String, ThrottlePolicy> policies) {
        policies.forEach(throttle::failure);
    }

    /** Forgets the key's failures after a success. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void succeeded(String key) {
        throttle.reset(key);
    }
}

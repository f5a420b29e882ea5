package io.picktartup.platform.control;

import io.picktartup.platform.entity.ThrottlePolicy;
import io.picktartup.platform.entity.TooManyAttemptsException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Brute-force throttling over the {@code auth_throttle} table, in the caller's transaction. Kept in the database
 * (not in memory) so that all application instances of a cluster count the same failures; one atomic upsert per
 * failure, so concurrent failures are all counted.
 */
@Dependent
public class Throttle {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Refuses with {@link TooManyAttemptsException} when any of the keys is blocked now. */
    public void check(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Instant> until = em.createNativeQuery("""
                        select blocked_until from auth_throttle
                        where throttle_key in (?1) and blocked_until > ?2""", Instant.class)
                .setParameter(1, keys)
                .setParameter(2, now)
                .getResultList();
        until.stream().max(Instant::compareTo).ifPresent(latest ->
                { throw new TooManyAttemptsException(Duration.between(now, latest).toSeconds() + 1); });
    }

    /** Counts one failure for the key; returns how long the key is now blocked (zero: not blocked). */
    public Duration failure(String key, ThrottlePolicy policy) {
        Instant now = clock.now();
        Instant windowStart = now.minus(policy.window());
        em.createNativeQuery("""
                        insert into auth_throttle (throttle_key, failures, window_started_at) values (?1, 1, ?2)
                        on conflict (throttle_key) do update set
                          failures = case when auth_throttle.window_started_at < ?3 then 1
                                          else auth_throttle.failures + 1 end,
                          window_started_at = case when auth_throttle.window_started_at < ?3 then ?2
                                                   else auth_throttle.window_started_at end""")
                .setParameter(1, key)
                .setParameter(2, now)
                .setParameter(3, windowStart)
                .executeUpdate();
        int failures = ((Number) em.createNativeQuery(
                        "select failures from auth_throttle where throttle_key = ?1")
                .setParameter(1, key).getSingleResult()).intValue();
        Duration block = policy.blockFor(failures);
        if (!block.isZero()) {
            em.createNativeQuery("update auth_throttle set blocked_until = ?2 where throttle_key = ?1")
                    .setParameter(1, key)
                    .setParameter(2, now.plus(block))
                    .executeUpdate();
        }
        return block;
    }

    /** Forgets the key's failures (after a success). */
    public void reset(String key) {
        em.createNativeQuery("delete from auth_throttle where throttle_key = ?1").setParameter(1, key).executeUpdate();
    }
}

package io.picktartup.platform.control;

import io.picktartup.platform.entity.ThrottlePolicy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brute-force throttling over the {@code auth_throttle} table, in the caller's transaction. Kept in the database
 * (not in memory) so that all application instances of a cluster count the same attempts.
 * <p>
 * An attempt is counted <em>before</em> the secret is checked, by one upsert that takes the key's row lock: a
 * concurrent attempt on the same key waits for that lock and then sees the count (and the block) the first one left,
 * so a burst of guesses cannot pass a check together. The {@code failures} column therefore holds the attempts of
 * the window not yet proven good: a success gives its attempt back ({@link #refund}) or forgets the key
 * ({@link #reset}).
 */
@Dependent
public class Throttle {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Counts one attempt for the key, unless the key is blocked now. Reaching the policy's limit blocks the key for
     * the policy's growing delay; after a block one more attempt is let through, then a longer block follows.
     *
     * @return empty when the attempt may proceed, or how long the key stays blocked (nothing was counted)
     */
    public Optional<Duration> attempt(String key, ThrottlePolicy policy) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> counted = em.createNativeQuery("""
                        insert into auth_throttle (throttle_key, failures, window_started_at) values (?1, 1, ?2)
                        on conflict (throttle_key) do update set
                          failures = case when auth_throttle.window_started_at < ?3 then 1
                                          else auth_throttle.failures + 1 end,
                          window_started_at = case when auth_throttle.window_started_at < ?3 then ?2
                                                   else auth_throttle.window_started_at end,
                          blocked_until = null
                        where auth_throttle.blocked_until is null or auth_throttle.blocked_until <= ?2
                        returning failures""")
                .setParameter(1, key)
                .setParameter(2, now)
                .setParameter(3, now.minus(policy.window()))
                .getResultList();
        if (counted.isEmpty()) {
            Instant until = (Instant) em.createNativeQuery(
                            "select blocked_until from auth_throttle where throttle_key = ?1", Instant.class)
                    .setParameter(1, key).getSingleResult();
            return Optional.of(until.isAfter(now) ? Duration.between(now, until) : Duration.ofSeconds(1));
        }
        Duration block = policy.blockFor(counted.get(0).intValue());
        if (!block.isZero()) {
            // still under this transaction's row lock: the next attempt sees the block
            em.createNativeQuery("update auth_throttle set blocked_until = ?2 where throttle_key = ?1")
                    .setParameter(1, key)
                    .setParameter(2, now.plus(block))
                    .executeUpdate();
        }
        return Optional.empty();
    }

    /** Gives a successful attempt back: it no longer counts, and lifts a block the count no longer reaches. */
    public void refund(String key, ThrottlePolicy policy) {
        em.createNativeQuery("""
                        update auth_throttle set failures = greatest(failures - 1, 0),
                          blocked_until = case when failures - 1 < ?2 then null else blocked_until end
                        where throttle_key = ?1""")
                .setParameter(1, key)
                .setParameter(2, policy.maxFailures())
                .executeUpdate();
    }

    /** Forgets the key's attempts and block (after a success, or an admin's unlock). */
    public void reset(String key) {
        em.createNativeQuery("delete from auth_throttle where throttle_key = ?1").setParameter(1, key).executeUpdate();
    }

    /** Forgets every key that starts with the prefix (an admin unlocking an account); returns how many. */
    public int resetAll(String prefix) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return em.createNativeQuery("delete from auth_throttle where throttle_key like ?1")
                .setParameter(1, escaped + "%").executeUpdate();
    }
}

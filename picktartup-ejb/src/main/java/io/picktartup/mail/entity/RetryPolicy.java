package io.picktartup.mail.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to try a failed mail again: the n-th failure waits the n-th delay (the last one repeats, so it is the cap),
 * and after {@code maxAttempts} failed attempts the mail is given up.
 *
 * @param delays      waits after the 1st, 2nd, … failure; at least one, none negative
 * @param maxAttempts attempts before giving up, at least 1
 */
public record RetryPolicy(List<Duration> delays, int maxAttempts) {

    /** 5 s, 30 s, 2 min, 10 min, then hourly; ten attempts (about five hours) before a mail is given up. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1)), 10);

    public RetryPolicy {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("at least one retry delay, none negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** Parses "PT5S,PT30S,…" (ISO-8601 durations, comma-separated). */
    public static RetryPolicy parse(String delays, int maxAttempts) {
        return new RetryPolicy(java.util.Arrays.stream(delays.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Duration::parse).toList(), maxAttempts);
    }

    /** The next attempt after {@code failedAttempts} failures at {@code now}; empty when the mail is to be given up. */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant now) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delays.get(Math.min(failedAttempts, delays.size()) - 1)));
    }
}

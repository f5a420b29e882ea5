package io.picktartup.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What the request being served on this thread is, for the log lines written while serving it: its request id (also
 * the incident id of any problem answer it gets) and a hash of the caller's account id (never the id itself, so a
 * log can be searched for one account's requests without naming it). Set by the request filter for the time of the
 * request on its thread, cleared after; empty on timer and batch threads.
 */
public final class LogContext {

    /** One request's context; {@code accountHash} is null for an anonymous caller. */
    public record Current(String requestId, String accountHash) {
    }

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private LogContext() {
    }

    public static void enter(String requestId, String accountHash) {
        CURRENT.set(new Current(requestId, accountHash));
    }

    public static void leave() {
        CURRENT.remove();
    }

    public static Current current() {
        return CURRENT.get();
    }

    public static String requestId() {
        var current = CURRENT.get();
        return current == null ? null : current.requestId();
    }

    /**
     * A new request id: random, URL- and log-safe, in the form of a version 4 UUID. Drawn from the thread's own
     * generator, not {@code UUID.randomUUID()}'s shared SecureRandom, whose lock every request queued on: an id names a
     * request, it guards nothing.
     */
    public static String newRequestId() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;             // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    /**
     * The first 16 hex digits of SHA-256(salt ":" account id): stable across restarts (so a log search over days
     * finds one account's lines), not reversible by reading the log without the salt.
     */
    public static String accountHash(UUID accountId, String salt) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + accountId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

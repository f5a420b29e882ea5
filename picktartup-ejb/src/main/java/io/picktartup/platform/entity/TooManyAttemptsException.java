package io.picktartup.platform.entity;

/** Too many failed attempts for an account, a client address or a wallet: refused until {@link #retryAfterSeconds()}. */
public class TooManyAttemptsException extends BusinessException implements RetryLater {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(long retryAfterSeconds) {
        super("auth.too-many-attempts", 429, "Too many failed attempts. Try again in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds until the next attempt is considered (the HTTP Retry-After header). */
    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String title() {
        return "Too many attempts";
    }
}

package io.picktartup.platform.entity;

/** A client address asked for something more often than allowed: refused until {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends BusinessException implements RetryLater {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds) {
        super("http.too-many-requests", 429, "Too many requests from this address. Try again in "
                + Math.max(1, retryAfterSeconds) + " s.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String title() {
        return "Too many requests";
    }
}

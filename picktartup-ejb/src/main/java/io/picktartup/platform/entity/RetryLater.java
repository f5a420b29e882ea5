package io.picktartup.platform.entity;

/** A refusal that tells the client when to try again (the HTTP {@code Retry-After} header, in seconds). */
public interface RetryLater {

    long retryAfterSeconds();
}

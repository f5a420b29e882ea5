package io.picktartup.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * Root of every expected, user-facing failure. Each subclass carries a stable error code (clients branch on it,
 * it never changes) and the HTTP status the edge should answer with. Thrown from entities and boundaries; the
 * container rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class BusinessException extends RuntimeException {

    private final String code;
    private final int status;

    protected BusinessException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** Stable, machine-readable code, e.g. {@code round.closed}. */
    public String code() {
        return code;
    }

    /** The HTTP status an API answers with. */
    public int status() {
        return status;
    }

    /** Facts a client can act on, rendered beside the problem (e.g. the limit that refused, the room left). */
    public java.util.Map<String, Object> extensions() {
        return java.util.Map.of();
    }

    /** A short, human title for the kind of failure (the message is the detail of this occurrence). */
    public abstract String title();
}

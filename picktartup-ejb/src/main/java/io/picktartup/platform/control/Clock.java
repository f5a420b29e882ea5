package io.picktartup.platform.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one source of "now" for business rules. Microsecond precision, because PostgreSQL stores no more, and an
 * instant must read back equal to what was written.
 */
@ApplicationScoped
public class Clock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

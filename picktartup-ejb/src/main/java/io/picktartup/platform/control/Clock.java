package io.picktartup.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one source of "now" for business rules. Microsecond precision, because PostgreSQL stores no more, and an
 * instant must read back equal to what was written. Tests (never production: {@code picktartup.clock.adjustable}
 * is off by default) may move it forward, together with the dev chain's time, so that deadlines pass in a test.
 */
@ApplicationScoped
public class Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Inject
    @ConfigProperty(name = "picktartup.clock.adjustable", defaultValue = "false")
    boolean adjustable;

    public Instant now() {
        return Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    public boolean isAdjustable() {
        return adjustable;
    }

    /** Sets how far ahead of the system clock business time runs; refused unless the clock is adjustable. */
    public void offset(Duration ahead) {
        if (!adjustable) {
            throw new IllegalStateException("the clock is not adjustable in this deployment");
        }
        offset.set(ahead.isNegative() ? Duration.ZERO : ahead);
    }

    public Duration offset() {
        return offset.get();
    }
}

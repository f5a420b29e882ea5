package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.TooManyRequestsException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A per-client-address request budget for cheap public reads (fixed one-minute windows, in memory: each instance
 * of a cluster counts its own, which is enough to keep one address from monopolising a read; nothing is written
 * per request). Refuses with a 429 problem and Retry-After once an address used its budget.
 */
public final class AddressRate {

    private static final long WINDOW_MS = 60_000;
    private static final int MAX_TRACKED = 100_000;

    private record Window(long startedAt, int used) {
    }

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AddressRate(int perMinute) {
        this(perMinute, System::currentTimeMillis);
    }

    AddressRate(int perMinute, LongSupplier clock) {
        this.perMinute = Math.max(1, perMinute);
        this.clock = clock;
    }

    /** Counts one request from the address; throws {@link TooManyRequestsException} past the budget. */
    public void take(String address) {
        long now = clock.getAsLong();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> now - w.startedAt() >= WINDOW_MS);
        }
        var window = windows.compute(address, (key, w) -> w == null || now - w.startedAt() >= WINDOW_MS
                ? new Window(now, 1) : new Window(w.startedAt(), w.used() + 1));
        if (window.used() > perMinute) {
            throw new TooManyRequestsException((window.startedAt() + WINDOW_MS - now + 999) / 1000);
        }
    }
}

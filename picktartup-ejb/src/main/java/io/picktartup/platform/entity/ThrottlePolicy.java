package io.picktartup.platform.entity;

import java.time.Duration;

/**
 * How many failures a key may have within a window before it is blocked, and for how long: the first block lasts
 * {@code firstBlock}, each further failure doubles it, up to {@code maxBlock}. A window that has passed starts over.
 */
public record ThrottlePolicy(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock) {

    public ThrottlePolicy {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || firstBlock.isNegative()
                || maxBlock.compareTo(firstBlock) < 0) {
            throw new IllegalArgumentException("invalid throttle policy");
        }
    }

    /** How long a key with {@code failures} failures in the current window is blocked (zero: not blocked). */
    public Duration blockFor(int failures) {
        if (failures < maxFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - maxFailures, 20);
        Duration block = firstBlock.multipliedBy(1L << doublings);
        return block.compareTo(maxBlock) > 0 ? maxBlock : block;
    }
}

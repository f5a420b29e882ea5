package io.picktartup.coin.entity;

import io.picktartup.platform.entity.InvalidInputException;

/** An amount of Korean won. The won has no minor unit, so a whole number; never negative. */
public record Won(long value) implements Comparable<Won> {

    public Won {
        if (value < 0) {
            throw new InvalidInputException("amount", "must not be negative");
        }
    }

    public static Won of(long value) {
        return new Won(value);
    }

    public boolean isLessThan(Won other) {
        return value < other.value;
    }

    @Override
    public int compareTo(Won other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return String.format("₩%,d", value);
    }
}

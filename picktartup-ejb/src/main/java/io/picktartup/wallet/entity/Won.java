package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;

import java.util.List;
import java.math.BigDecimal;

/** An amount of Korean won. The won has no minor unit, so a whole number; never negative. */
public record Won(long value) implements Comparable<Won> {

    /** The most won one amount may name (10^15: a thousand trillion). */
    public static final long MAX = 1_000_000_000_000_000L;
    /** The one message for every won amount field of the API and the pages. */
    public static final String FORMAT = FieldRule.WON_AMOUNT.english(List.of(String.valueOf(MAX)));

    /**
     * A positive whole number of won from a JSON number or a typed text ({@code 50000}, surrounding blanks
     * ignored); fractions, exponents, signs, zero and more than {@link #MAX} are refused with {@link #FORMAT}.
     */
    public static Won parse(String field, Object value) {
        String plain = value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString().strip();
        if (!plain.matches("[0-9]{1,16}")) {
            throw new InvalidInputException(field, FieldRule.WON_AMOUNT, MAX);
        }
        long won = Long.parseLong(plain);
        if (won <= 0 || won > MAX) {
            throw new InvalidInputException(field, FieldRule.WON_AMOUNT, MAX);
        }
        return new Won(won);
    }

    public Won {
        if (value < 0) {
            throw new InvalidInputException("amount", FieldRule.NOT_NEGATIVE);
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

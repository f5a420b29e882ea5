package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;

import java.util.List;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of PKN in base units (18 decimals), as the token contract counts it; never negative. {@link #parse} is
 * the one way an amount typed by a person (API field or page input) becomes a {@code TokenAmount}.
 */
public record TokenAmount(BigInteger baseUnits) implements Comparable<TokenAmount> {

    public static final int DECIMALS = 18;
    private static final BigInteger ONE_TOKEN = BigInteger.TEN.pow(DECIMALS);
    public static final TokenAmount ZERO = new TokenAmount(BigInteger.ZERO);
    /**
     * The most PKN one amount may name: far above any real movement (10^12 PKN), and low enough that its value in
     * won at any plausible rate still fits the won's {@code long}.
     */
    public static final TokenAmount MAX = ofWholeTokens(1_000_000_000_000L);
    /** The one message for every PKN amount field of the API and the pages. */
    public static final String FORMAT = FieldRule.PKN_AMOUNT.english(List.of(String.valueOf(DECIMALS), "1000000000000"));
    /** ASCII digits with an optional fraction; no sign, exponent, grouping or other scripts' digits. */
    private static final Pattern PLAIN = Pattern.compile("[0-9]{1,13}(\\.[0-9]{1,18})?");

    /**
     * Parses a positive amount of PKN as people write it ({@code 12.5}, surrounding blanks ignored); anything else
     * (exponent, sign, more than 18 decimals, zero, over {@link #MAX}, Unicode digits) is refused with
     * {@link #FORMAT} naming {@code field}.
     */
    public static TokenAmount parse(String field, String text) {
        String plain = text == null ? "" : text.strip();
        if (!PLAIN.matcher(plain).matches()) {
            throw new InvalidInputException(field, FieldRule.PKN_AMOUNT, DECIMALS, "1000000000000");
        }
        var amount = new TokenAmount(new BigDecimal(plain).movePointRight(DECIMALS).toBigIntegerExact());
        if (amount.isZero() || amount.compareTo(MAX) > 0) {
            throw new InvalidInputException(field, FieldRule.PKN_AMOUNT, DECIMALS, "1000000000000");
        }
        return amount;
    }

    public TokenAmount {
        Objects.requireNonNull(baseUnits, "baseUnits");
        if (baseUnits.signum() < 0) {
            throw new InvalidInputException("amount", FieldRule.NOT_NEGATIVE);
        }
    }

    public static TokenAmount ofTokens(BigDecimal tokens) {
        try {
            return new TokenAmount(tokens.movePointRight(DECIMALS).toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new InvalidInputException("amount", FieldRule.MAX_DECIMALS, DECIMALS);
        }
    }

    public static TokenAmount ofWholeTokens(long tokens) {
        return new TokenAmount(BigInteger.valueOf(tokens).multiply(ONE_TOKEN));
    }

    /** The tokens a payment buys at {@code wonPerToken}; the won amount must be a whole multiple of the rate. */
    public static TokenAmount bought(Won paid, long wonPerToken) {
        if (wonPerToken <= 0) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        return new TokenAmount(BigInteger.valueOf(paid.value()).multiply(ONE_TOKEN).divide(BigInteger.valueOf(wonPerToken)));
    }

    /** In won at {@code wonPerToken}, rounded down (a fraction of a won is never paid out). */
    public Won inWon(long wonPerToken) {
        return Won.of(baseUnits.multiply(BigInteger.valueOf(wonPerToken)).divide(ONE_TOKEN).longValueExact());
    }

    public BigDecimal tokens() {
        return new BigDecimal(baseUnits, DECIMALS).stripTrailingZeros();
    }

    /** The amount in PKN as a plain decimal string ({@code 12.5}), as the API and the pages show it. */
    public String plain() {
        return tokens().toPlainString();
    }

    public TokenAmount plus(TokenAmount other) {
        return new TokenAmount(baseUnits.add(other.baseUnits));
    }

    public TokenAmount minus(TokenAmount other) {
        return new TokenAmount(baseUnits.subtract(other.baseUnits));
    }

    public boolean isZero() {
        return baseUnits.signum() == 0;
    }

    @Override
    public int compareTo(TokenAmount other) {
        return baseUnits.compareTo(other.baseUnits);
    }

    @Override
    public String toString() {
        return tokens().toPlainString() + " PKN";
    }
}

package io.picktartup.coin.entity;

import io.picktartup.platform.entity.InvalidInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/** An amount of PKN in base units (18 decimals), as the token contract counts it; never negative. */
public record TokenAmount(BigInteger baseUnits) implements Comparable<TokenAmount> {

    public static final int DECIMALS = 18;
    private static final BigInteger ONE_TOKEN = BigInteger.TEN.pow(DECIMALS);
    public static final TokenAmount ZERO = new TokenAmount(BigInteger.ZERO);

    public TokenAmount {
        Objects.requireNonNull(baseUnits, "baseUnits");
        if (baseUnits.signum() < 0) {
            throw new InvalidInputException("amount", "must not be negative");
        }
    }

    public static TokenAmount ofTokens(BigDecimal tokens) {
        try {
            return new TokenAmount(tokens.movePointRight(DECIMALS).toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new InvalidInputException("amount", "must have at most " + DECIMALS + " decimals");
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

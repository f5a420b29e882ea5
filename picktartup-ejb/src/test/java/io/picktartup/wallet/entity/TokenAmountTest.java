package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenAmountTest {

    @Test
    void convertsBetweenWonAndBaseUnitsWithoutLosingAWon() {
        assertThat(TokenAmount.bought(Won.of(1_000), 1_000)).isEqualTo(TokenAmount.ofWholeTokens(1));
        assertThat(TokenAmount.bought(Won.of(1), 1_000).baseUnits()).isEqualTo(BigInteger.TEN.pow(15));
        assertThat(TokenAmount.ofTokens(new BigDecimal("2.5")).inWon(1_000)).isEqualTo(Won.of(2_500));
        // a fraction of a won is rounded down, never paid out
        assertThat(new TokenAmount(BigInteger.TEN.pow(15).subtract(BigInteger.ONE)).inWon(1_000)).isEqualTo(Won.of(0));
    }

    @Test
    void refusesNegativeAmountsAndTooManyDecimals() {
        assertThatThrownBy(() -> new TokenAmount(BigInteger.valueOf(-1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TokenAmount.ofTokens(new BigDecimal("0.0000000000000000001")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Won.of(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void arithmeticStaysNonNegative() {
        var five = TokenAmount.ofWholeTokens(5);
        assertThat(five.minus(TokenAmount.ofWholeTokens(2))).isEqualTo(TokenAmount.ofWholeTokens(3));
        assertThatThrownBy(() -> five.minus(TokenAmount.ofWholeTokens(6))).isInstanceOf(InvalidInputException.class);
        assertThat(five.plus(five).tokens()).isEqualByComparingTo("10");
        assertThat(five.toString()).isEqualTo("5 PKN");
    }
}

package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.InvalidInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one parser of amounts, over generated input: whatever a person or a client types, the answer is an amount
 * within bounds or a refusal naming the field with the one message; never another exception.
 */
class AmountPropertiesTest {

    @Property(tries = 3000)
    void anyTextIsAnAmountWithinBoundsOrARefusalNamingTheField(@ForAll("hostile") String text) {
        try {
            var amount = TokenAmount.parse("amount", text);
            assertThat(amount.baseUnits()).isPositive().isLessThanOrEqualTo(TokenAmount.MAX.baseUnits());
            // what was accepted is exactly what was written
            assertThat(amount.tokens()).isEqualByComparingTo(new BigDecimal(text.strip()));
        } catch (InvalidInputException e) {
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("amount");
                assertThat(v.message()).isEqualTo(TokenAmount.FORMAT);
            });
        }
    }

    @Property(tries = 3000)
    void anyTextIsWonWithinBoundsOrARefusalNamingTheField(@ForAll("hostile") String text) {
        try {
            var won = Won.parse("krwAmount", text);
            assertThat(won.value()).isPositive().isLessThanOrEqualTo(Won.MAX);
            assertThat(BigInteger.valueOf(won.value())).isEqualTo(new BigInteger(text.strip()));
        } catch (InvalidInputException e) {
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("krwAmount");
                assertThat(v.message()).isEqualTo(Won.FORMAT);
            });
        }
    }

    @Property(tries = 500)
    void everyPlainAmountWithinBoundsRoundTrips(@ForAll("plain") BigDecimal tokens) {
        var amount = TokenAmount.parse("amount", " " + tokens.toPlainString() + "\t");
        assertThat(amount.tokens()).isEqualByComparingTo(tokens);
        assertThat(TokenAmount.parse("amount", amount.plain())).isEqualTo(amount);
    }

    @Property(tries = 200)
    void moreThanEighteenDecimalsOrOverTheBoundIsRefused(@ForAll("tooFine") String text) {
        assertThatThrownBy(() -> TokenAmount.parse("amount", text)).isInstanceOf(InvalidInputException.class);
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(45);
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789.,-+eE _\t\u00a0\u0660\u0661\uff11\u096f")
                .ofMaxLength(30);
        Arbitrary<String> decimals = Combinators.combine(digits, digits).as((a, b) -> a + "." + b);
        Arbitrary<String> exponents = Combinators.combine(digits, Arbitraries.integers().between(-60, 60))
                .as((a, e) -> a + "e" + e);
        Arbitrary<String> signed = Combinators.combine(Arbitraries.of("-", "+", " ", "\u2212"), digits)
                .as(String::concat);
        Arbitrary<String> fixed = Arbitraries.of("", " ", "0", "0.0", "00", "1e30", "1E+3", "10000000000000000000000000000000000000000",
                "1000000000000", "1000000000000.000000000000000001", "0.000000000000000001", "0.0000000000000000001",
                "١٢٣", "１２", "NaN", "Infinity", "-0", "1,000", "1_000", "0x10", " 7 ", "\u00a07", "null", "12.");
        return Arbitraries.oneOf(digits, noise, decimals, exponents, signed, fixed, Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<BigDecimal> plain() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.000000000000000001"), new BigDecimal("1000000000000"))
                .ofScale(18).map(BigDecimal::stripTrailingZeros);
    }

    @Provide
    Arbitrary<String> tooFine() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("123456789").ofLength(19).map(d -> "1." + d),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(12).add(BigInteger.ONE), BigInteger.TEN.pow(40))
                        .map(BigInteger::toString));
    }
}

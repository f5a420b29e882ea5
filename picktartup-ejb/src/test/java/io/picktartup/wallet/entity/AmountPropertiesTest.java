package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one parser of amounts, over generated input (thousands of values from a fixed seed, so a failure repeats):
 * whatever a person or a client types, the answer is an amount within bounds or a refusal naming the field with the
 * one message; never another exception. A failing value is shrunk to the shortest failing prefix before reporting.
 */
class AmountPropertiesTest {

    private static final long SEED = 20261202L;
    private static final int TRIES = 5000;

    @Test
    void anyTextIsAnAmountWithinBoundsOrARefusalNamingTheField() {
        forAll(HostileText::next, text -> {
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
        });
    }

    @Test
    void anyTextIsWonWithinBoundsOrARefusalNamingTheField() {
        forAll(HostileText::next, text -> {
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
        });
    }

    @Test
    void everyPlainAmountWithinBoundsRoundTrips() {
        var random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            // 1 base unit … 10^12 PKN, with 0 to 18 decimals
            var units = new BigInteger(1 + random.nextInt(70), random).mod(TokenAmount.MAX.baseUnits()).add(BigInteger.ONE);
            var tokens = new BigDecimal(units, 18).setScale(random.nextInt(19), java.math.RoundingMode.DOWN);
            if (tokens.signum() == 0) {
                continue;
            }
            var amount = TokenAmount.parse("amount", " " + tokens.toPlainString() + "\t");
            assertThat(amount.tokens()).as(tokens.toPlainString()).isEqualByComparingTo(tokens);
            assertThat(TokenAmount.parse("amount", amount.plain())).isEqualTo(amount);
        }
    }

    @Test
    void moreThanEighteenDecimalsOrOverTheBoundIsRefused() {
        var random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String tooFine = "1." + digits(random, 19 + random.nextInt(10), false);
            String tooMuch = new BigInteger(41 + random.nextInt(100), random).add(BigInteger.TEN.pow(12)).toString();
            for (String text : List.of(tooFine, tooMuch)) {
                assertThat(refused(() -> TokenAmount.parse("amount", text))).as(text).isTrue();
            }
        }
    }

    private static boolean refused(Runnable parse) {
        try {
            parse.run();
            return false;
        } catch (InvalidInputException e) {
            return true;
        }
    }

    /** Runs the check over generated texts; on a failure, reports the shortest failing prefix of the value. */
    private static void forAll(java.util.function.Function<Random, String> generator, Consumer<String> check) {
        var random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String text = generator.apply(random);
            try {
                check.accept(text);
            } catch (AssertionError | RuntimeException e) {
                String smallest = text;
                for (int length = 0; length < text.length(); length++) {
                    try {
                        check.accept(text.substring(0, length));
                    } catch (AssertionError | RuntimeException shorter) {
                        smallest = text.substring(0, length);
                        break;
                    }
                }
                throw new AssertionError("fails for \"" + smallest + "\" (shrunk from \"" + text + "\", seed " + SEED
                        + ", try " + i + ")", e);
            }
        }
    }

    private static String digits(Random random, int length, boolean leadingZero) {
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + (i == 0 && !leadingZero ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        return text.toString();
    }

    /** Amounts the way people and broken clients write them. */
    static final class HostileText {

        private static final List<String> FIXED = List.of("", " ", "0", "0.0", "00", "1e30", "1E+3",
                "10000000000000000000000000000000000000000", "1000000000000", "1000000000000.000000000000000001",
                "0.000000000000000001", "0.0000000000000000001", "١٢٣", "１２", "NaN", "Infinity", "-0", "1,000", "1_000",
                "0x10", " 7 ", "\u00a07", "null", "12.", ".5", "+5", "\u22125");
        private static final String NOISE = "0123456789.,-+eE _\t\u00a0\u0660\u0661\uff11\u096f";

        static String next(Random random) {
            return switch (random.nextInt(7)) {
                case 0 -> digits(random, random.nextInt(46), true);
                case 1 -> digits(random, 1 + random.nextInt(20), true) + "." + digits(random, random.nextInt(25), true);
                case 2 -> (1 + random.nextInt(9)) + (random.nextBoolean() ? "e" : "E") + (random.nextInt(121) - 60);
                case 3 -> List.of("-", "+", " ", "\u2212").get(random.nextInt(4)) + digits(random, 1 + random.nextInt(15), true);
                case 4 -> FIXED.get(random.nextInt(FIXED.size()));
                case 5 -> {
                    var text = new StringBuilder();
                    for (int i = random.nextInt(30); i > 0; i--) {
                        text.append(NOISE.charAt(random.nextInt(NOISE.length())));
                    }
                    yield text.toString();
                }
                default -> {
                    var text = new StringBuilder();
                    for (int i = random.nextInt(20); i > 0; i--) {
                        text.appendCodePoint(random.nextInt(0x3000));
                    }
                    yield text.toString();
                }
            };
        }

        private HostileText() {
        }
    }

    @Test
    void theGeneratorReachesEveryKindOfHostileInput() {
        var random = new Random(SEED);
        var seen = new ArrayList<String>();
        for (int i = 0; i < TRIES; i++) {
            seen.add(HostileText.next(random));
        }
        assertThat(seen).anyMatch(t -> t.contains("e")).anyMatch(t -> t.startsWith("-"))
                .anyMatch(t -> t.contains("\u0660") || t.contains("١")).anyMatch(String::isEmpty)
                .anyMatch(t -> t.length() > 40).anyMatch(t -> t.matches(".*\\.[0-9]{19,}"));
        // and some of it is valid, so acceptance is exercised too
        assertThat(seen.stream().filter(t -> !refused(() -> TokenAmount.parse("amount", t))).count()).isGreaterThan(100);
    }
}

package io.picktartup.platform.entity;

import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Won;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A violation keeps the English sentence the API has always sent, and carries a stable code and its facts. */
class FieldRuleTest {

    @Test
    void theEnglishMessageIsTheOneTheApiSentBefore() {
        assertThat(InvalidInputException.Violation.of("name", FieldRule.MAX_LENGTH, 100).message())
                .isEqualTo("must be at most 100 characters");
        assertThat(InvalidInputException.Violation.of("page", FieldRule.BETWEEN, 0, 10000).message())
                .as("numbers are said as given, not grouped").isEqualTo("must be between 0 and 10000");
        assertThat(InvalidInputException.Violation.of("figures[1]", FieldRule.MONTH_FIGURES).message())
                .isEqualTo("must be a month's figures");
        assertThat(InvalidInputException.Violation.of("pricePerShareKrw", FieldRule.PRICE_FITS_RATE, 1000).message())
                .isEqualTo("must be a multiple or a divisor of the token's rate (₩1000 per PKN)");
        assertThat(InvalidInputException.Violation.of("stage", FieldRule.ONE_OF, List.of("SEED", "SERIES_A")).message())
                .isEqualTo("must be one of [SEED, SERIES_A]");
        assertThat(TokenAmount.FORMAT).isEqualTo(
                "must be an amount of PKN such as 12.5: more than 0, at most 18 decimals, at most 1000000000000");
        assertThat(Won.FORMAT).isEqualTo("must be a whole number of won such as 50000: more than 0, at most "
                + "1000000000000000");
    }

    @Test
    void aViolationNamesItsFieldCodeAndFacts() {
        var e = new InvalidInputException("terms", FieldRule.MAX_LENGTH, 4000);
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("terms");
            assertThat(v.code()).isEqualTo("max-length");
            assertThat(v.facts()).containsExactly("4000");
        });
        assertThat(e.getMessage()).isEqualTo("must be at most 4000 characters");
        assertThat(e.violations().get(0).at("walletAddress").field()).isEqualTo("walletAddress");
        assertThat(e.violations().get(0).at("walletAddress").message()).isEqualTo(e.getMessage());
    }

    @Test
    void valueObjectsAndPoliciesReportRulesNotFreeText() {
        assertThat(PasswordPolicy.violation("newPassword", "short")).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo(FieldRule.MIN_LENGTH);
            assertThat(v.facts()).containsExactly("8");
        });
        assertThat(PasswordPolicy.problem("short")).hasValue("must be at least 8 characters");
        try {
            TokenAmount.parse("goal", "-1");
        } catch (InvalidInputException e) {
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("goal");
                assertThat(v.rule()).isEqualTo(FieldRule.PKN_AMOUNT);
                assertThat(v.message()).isEqualTo(TokenAmount.FORMAT);
            });
            return;
        }
        throw new AssertionError("-1 PKN was accepted");
    }

    @Test
    void codesAreDistinctLowerCaseWords() {
        var codes = Arrays.stream(FieldRule.values()).map(FieldRule::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(FieldRule.POSITIVE_WON.code()).isEqualTo("positive-won");
    }
}

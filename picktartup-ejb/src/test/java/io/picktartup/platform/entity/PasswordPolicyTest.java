package io.picktartup.platform.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @Test
    void shipsTenThousandCommonPasswords() {
        assertThat(PasswordPolicy.commonCount()).isBetween(9_900, 10_000);
    }

    @Test
    void refusesShortLongAndCommonPasswordsAndAcceptsLongPassphrases() {
        assertThat(PasswordPolicy.problem(null)).hasValue("must be given");
        assertThat(PasswordPolicy.problem("1234567")).hasValueSatisfying(m -> assertThat(m).contains("at least 8"));
        assertThat(PasswordPolicy.problem("x".repeat(129))).hasValueSatisfying(m -> assertThat(m).contains("at most 128"));
        assertThat(PasswordPolicy.problem("password")).hasValueSatisfying(m -> assertThat(m).contains("common"));
        assertThat(PasswordPolicy.problem("PassWord1")).as("case-insensitive").isPresent();
        assertThat(PasswordPolicy.problem("qwertyuiop")).isPresent();
        assertThat(PasswordPolicy.problem("x".repeat(64))).isEmpty();
        assertThat(PasswordPolicy.problem("correct horse battery staple")).isEmpty();
        // code points, not UTF-16 units: eight emoji are eight characters
        assertThat(PasswordPolicy.problem("😀😁😂🤣😃😄😅😆")).isEmpty();
        assertThat(PasswordPolicy.problem("😀😁😂🤣")).isPresent();
    }
}

package io.picktartup.account.entity;

import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RegistrationTest {

    @Test
    void namesEveryInvalidField() {
        var e = catchThrowableOfType(() -> new Registration("nope", "123", " ", null).checked(),
                InvalidInputException.class);
        assertThat(e.violations()).extracting(InvalidInputException.Violation::field)
                .containsExactly("email", "password", "name", "walletPassword");
    }

    @Test
    void theWalletPasswordMustDifferFromTheLoginPassword() {
        var e = catchThrowableOfType(() -> new Registration("a@b.co", "same secret phrase", "A",
                "same secret phrase").checked(), InvalidInputException.class);
        assertThat(e.violations()).extracting(InvalidInputException.Violation::field).containsExactly("walletPassword");
    }

    @Test
    void normalisesEmailAndName() {
        var checked = new Registration("  Kim@Example.COM ", "correct horse battery", "  Kim  ",
                "another long secret").checked();
        assertThat(checked.email()).isEqualTo("kim@example.com");
        assertThat(checked.name()).isEqualTo("Kim");
        assertThat(checked.toString()).doesNotContain("correct horse").doesNotContain("another long secret");
    }
}

package io.picktartup.account.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The account's lifecycle rules: verification by a single-use expiring token, disable/enable, required change. */
class AccountLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static Account signedUp() {
        return new Account(UUID.randomUUID(), new EmailAddress("kim@example.com"), "Kim", "$argon2id$hash", Role.INVESTOR,
                NOW);
    }

    @Test
    void aNewAccountIsUnverifiedUntilItsCurrentTokenIsPresentedOnceBeforeItExpires() {
        var account = signedUp();
        assertThat(account.isEmailVerified()).isFalse();
        var token = VerificationToken.issue();
        account.awaitVerification(token.hash(), NOW.plus(Duration.ofHours(24)), NOW);

        assertThat(account.verifyEmail(VerificationToken.hashOf("not the token"), NOW)).isFalse();
        assertThat(account.isEmailVerified()).isFalse();
        assertThat(account.verifyEmail(token.hash(), NOW.plus(Duration.ofHours(1)))).isTrue();
        assertThat(account.isEmailVerified()).isTrue();
        // single use
        assertThat(account.verifyEmail(token.hash(), NOW.plus(Duration.ofHours(2)))).isFalse();
    }

    @Test
    void anExpiredOrReplacedTokenDoesNotVerify() {
        var account = signedUp();
        var first = VerificationToken.issue();
        account.awaitVerification(first.hash(), NOW.plus(Duration.ofHours(24)), NOW);
        assertThat(account.verifyEmail(first.hash(), NOW.plus(Duration.ofHours(24)))).isFalse();

        var second = VerificationToken.issue();
        account.restartSignup("Lee", "$argon2id$other", NOW);
        account.awaitVerification(second.hash(), NOW.plus(Duration.ofHours(48)), NOW);
        assertThat(account.verifyEmail(first.hash(), NOW.plus(Duration.ofHours(1)))).isFalse();
        assertThat(account.verifyEmail(second.hash(), NOW.plus(Duration.ofHours(1)))).isTrue();
        assertThat(account.name()).isEqualTo("Lee");
        assertThat(account.passwordHash()).isEqualTo("$argon2id$other");
    }

    @Test
    void aVerifiedAccountIsNeverSignedUpAgain() {
        var account = signedUp();
        account.markEmailVerified(NOW);
        assertThatThrownBy(() -> account.restartSignup("Mallory", "$argon2id$mallory", NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> account.awaitVerification("hash", NOW.plus(Duration.ofHours(1)), NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThat(account.name()).isEqualTo("Kim");
    }

    @Test
    void disablingAndEnablingSayWhetherTheyChangedAnything() {
        var account = signedUp();
        assertThat(account.isActive()).isTrue();
        assertThat(account.enable(NOW)).isFalse();
        assertThat(account.disable(NOW)).isTrue();
        assertThat(account.isActive()).isFalse();
        assertThat(account.status()).isEqualTo(AccountStatus.DISABLED);
        assertThat(account.disable(NOW)).isFalse();
        assertThat(account.enable(NOW)).isTrue();
        assertThat(account.isActive()).isTrue();
    }

    @Test
    void aRequiredPasswordChangeIsDoneByChangingThePasswordNotByRehashingIt() {
        var account = signedUp();
        account.requirePasswordChange(NOW);
        account.changePasswordHash("$argon2id$stronger-setting", NOW);
        assertThat(account.isPasswordChangeRequired()).isTrue();
        account.changePassword("$argon2id$new", NOW);
        assertThat(account.isPasswordChangeRequired()).isFalse();
        assertThat(account.passwordHash()).isEqualTo("$argon2id$new");
    }

    @Test
    void theMailsDifferOnlyInWhatTheyTellTheOwner() {
        var verification = SignupMails.verification("Kim", "http://localhost:8080/verify.xhtml?token=abc", "abc", 24);
        assertThat(verification.subject()).contains("이메일 주소를 확인", "Confirm your email address");
        assertThat(verification.body()).contains("Kim님", "verify.xhtml?token=abc", "24시간", "within 24 hours");
        var attempt = SignupMails.attempt("Kim");
        assertThat(attempt.subject()).contains("Someone tried to sign up");
        assertThat(attempt.body()).contains("Kim님", "nothing was changed").doesNotContain("token");
        assertThat(VerificationToken.issue().token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(VerificationToken.issue().toString()).doesNotContain(VerificationToken.issue().token());
    }
}

package io.picktartup.mail.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailMessageTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final RetryPolicy POLICY = RetryPolicy.parse("PT5S, PT30S,PT2M", 4);

    private static MailMessage mail() {
        return new MailMessage("welcome:1", "investor@example.com", "환영합니다\r\nWelcome", "본문", NOW);
    }

    @Test
    void aNewMailIsDueAtOnceWithAOneLineSubject() {
        var mail = mail();
        assertThat(mail.status()).isEqualTo(MailMessage.Status.QUEUED);
        assertThat(mail.isDue(NOW)).isTrue();
        assertThat(mail.subject()).isEqualTo("환영합니다 Welcome");
        assertThat(mail.attempts()).isZero();
    }

    @Test
    void failedAttemptsBackOffByThePolicyThenTheMailIsGivenUp() {
        var mail = mail();
        mail.claim(NOW, Duration.ofMinutes(5));
        assertThat(mail.isDue(NOW.plusSeconds(299))).isFalse();

        assertThat(mail.attemptFailed("Connection refused", NOW, POLICY)).isFalse();
        assertThat(mail.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(mail.attemptFailed("again", NOW, POLICY)).isFalse();
        assertThat(mail.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(mail.attemptFailed("again", NOW, POLICY)).isFalse();
        assertThat(mail.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(mail.lastError()).contains("again");
        // the fourth failure reaches max-attempts: given up, and it stays so
        assertThat(mail.attemptFailed("x".repeat(900), NOW, POLICY)).isTrue();
        assertThat(mail.status()).isEqualTo(MailMessage.Status.FAILED);
        assertThat(mail.attempts()).isEqualTo(4);
        assertThat(mail.lastError().orElseThrow()).hasSize(500);
        assertThatThrownBy(() -> mail.sent(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLastDelayIsTheCap() {
        var policy = RetryPolicy.parse("PT5S,PT1H", 10);
        assertThat(policy.nextAttempt(1, NOW)).contains(NOW.plusSeconds(5));
        assertThat(policy.nextAttempt(2, NOW)).contains(NOW.plusSeconds(3600));
        assertThat(policy.nextAttempt(9, NOW)).contains(NOW.plusSeconds(3600));
        assertThat(policy.nextAttempt(10, NOW)).isEmpty();
        assertThat(RetryPolicy.DEFAULT.delays()).first().isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSentMailNeverChangesAgain() {
        var mail = mail();
        mail.sent(NOW);
        assertThat(mail.status()).isEqualTo(MailMessage.Status.SENT);
        assertThat(mail.sentAt()).contains(NOW);
        assertThat(mail.isDue(NOW)).isFalse();
        assertThatThrownBy(() -> mail.attemptFailed("late", NOW, POLICY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesMissingPartsAndMoreThanOneRecipient() {
        assertThatThrownBy(() -> new MailMessage(" ", "a@example.com", "s", "b", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailMessage("k", "a@example.com, b@example.com", "s", "b", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailMessage("k", "a@example.com\r\nBcc: x@example.com", "s", "b", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.parse("", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ofSeconds(1)), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

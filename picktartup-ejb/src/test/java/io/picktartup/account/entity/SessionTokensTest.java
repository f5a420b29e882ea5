package io.picktartup.account.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokensTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRefreshTokenRotatesOnceAndIsStoredOnlyAsItsHash() {
        var issued = RefreshToken.issue(UUID.randomUUID(), now, now.plus(Duration.ofDays(14)));
        assertThat(issued.token()).hasSize(43);
        assertThat(RefreshToken.hash(issued.token())).hasSize(64).isNotEqualTo(issued.token());
        assertThat(issued.entity().use(now.plusSeconds(1))).isEqualTo(RefreshToken.Use.ROTATE);
        assertThat(issued.entity().use(now.plusSeconds(2))).isEqualTo(RefreshToken.Use.REUSED);
        var late = RefreshToken.issue(UUID.randomUUID(), now, now.plusSeconds(10));
        assertThat(late.entity().use(now.plusSeconds(10))).isEqualTo(RefreshToken.Use.EXPIRED);
    }

    @Test
    void aRevokedSessionStaysRevokedWithItsFirstReason() {
        var family = new SessionFamily(UUID.randomUUID(), UUID.randomUUID(), now, now.plus(Duration.ofDays(30)));
        assertThat(family.isActive(now)).isTrue();
        assertThat(family.revoke("refresh-token-reused", now)).isTrue();
        assertThat(family.revoke("logout", now)).isFalse();
        assertThat(family.revokedReason()).isEqualTo("refresh-token-reused");
        assertThat(family.isActive(now)).isFalse();
        assertThat(new SessionFamily(UUID.randomUUID(), UUID.randomUUID(), now, now.plusSeconds(5))
                .isActive(now.plusSeconds(5))).isFalse();
    }

    @Test
    void anAccountStartsAsAGeneralInvestorAndOnlyTakesValidNames() {
        var account = new Account(UUID.randomUUID(), new EmailAddress("A@B.CO"), " Kim ", "$argon2id$…", Role.INVESTOR, now);
        assertThat(account.email()).isEqualTo("a@b.co");
        assertThat(account.category()).isEqualTo(InvestorCategory.GENERAL);
        assertThat(account.classify(InvestorCategory.QUALIFIED, now)).isEqualTo(InvestorCategory.GENERAL);
        assertThat(Account.nameProblem("x".repeat(101))).isPresent();
        assertThat(Account.nameProblem("a\u0000b")).isPresent();
        assertThat(Account.nameProblem("김투자")).isEmpty();
    }
}

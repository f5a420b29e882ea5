package io.picktartup.round.boundary;

import io.picktartup.round.entity.AuditFinding;
import io.picktartup.round.entity.RoundLedger;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every finding a reconciliation can store is said on the audit page in Korean and in English, facts included. */
class AuditFindingsTest {

    private static final String WALLET = "0x00000000000000000000000000000000000000aa";
    private static final String TX = "0x" + "b".repeat(64);

    @Test
    void aLedgerMismatchIsSaidWithTheMovementInTheReadersLanguage() {
        var deposit = new RoundLedger.Movement(RoundLedger.Kind.DEPOSIT, WALLET, new BigInteger("31"), TX, null);
        var verdict = RoundLedger.reconcile(List.of(deposit), List.of(), BigInteger.ZERO, List.of());
        String stored = verdict.findings().get(0);
        assertThat(stored).startsWith("no matching event on chain");

        String korean = AuditFindings.say(stored, Locale.KOREAN);
        assertThat(korean).contains("체인 이벤트가 없습니다").contains("31").contains(WALLET).contains(TX)
                .doesNotContain("DEPOSIT").doesNotContain("base units");
        String english = AuditFindings.say(stored, Locale.ENGLISH);
        assertThat(english).contains("platform's").contains("31 base units").contains(WALLET).contains(TX);
    }

    @Test
    void everyFindingHasAKoreanAndAnEnglishSentenceThatKeepsItsFacts() {
        for (var finding : AuditFinding.values()) {
            String stored = finding.namesAMovement()
                    ? finding.say(new RoundLedger.Movement(RoundLedger.Kind.REFUND, WALLET, BigInteger.TEN, null, null), 3)
                    : finding.say("4242", "4343", "4444");
            assertThat(AuditFinding.read(stored).map(AuditFinding.Stated::finding)).as(stored).hasValue(finding);
            for (var locale : List.of(Locale.KOREAN, Locale.ENGLISH)) {
                String said = AuditFindings.say(stored, locale);
                assertThat(said).as(locale + " " + finding).doesNotContain("{").doesNotContain("''");
                if (locale == Locale.KOREAN) {
                    assertThat(said).as(finding.name()).containsPattern("[가-힣]").doesNotContain("base units");
                }
                if (finding.namesAMovement()) {
                    assertThat(said).contains(WALLET).contains("10");
                } else {
                    stored.chars().filter(Character::isDigit).findAny().ifPresent(d -> assertThat(said).contains("4242"));
                }
            }
        }
    }

    @Test
    void anUnknownSentenceIsShownAsStored() {
        assertThat(AuditFindings.say("something new", Locale.KOREAN)).isEqualTo("something new");
    }
}

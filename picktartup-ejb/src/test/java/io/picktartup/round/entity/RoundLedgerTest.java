package io.picktartup.round.entity;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.picktartup.round.entity.RoundLedger.Kind.CANCEL;
import static io.picktartup.round.entity.RoundLedger.Kind.DEPOSIT;
import static io.picktartup.round.entity.RoundLedger.Kind.REFUND;
import static org.assertj.core.api.Assertions.assertThat;

class RoundLedgerTest {

    private static final String A = "0x00000000000000000000000000000000000000AA";
    private static final String B = "0x00000000000000000000000000000000000000bb";
    private static final String H = "0x" + "ab".repeat(32);

    private static RoundLedger.Movement m(RoundLedger.Kind kind, String who, long amount, String tx) {
        return new RoundLedger.Movement(kind, who, BigInteger.valueOf(amount), tx, kind == DEPOSIT ? H : null);
    }

    private final List<RoundLedger.Movement> ledger = List.of(m(DEPOSIT, A, 30, "0x01"), m(DEPOSIT, B, 20, "0x02"),
            m(CANCEL, B, 20, "0x03"), m(REFUND, A, 30, null));
    private final List<RoundLedger.Movement> events = List.of(m(DEPOSIT, A.toLowerCase(), 30, "0x01"),
            m(DEPOSIT, B, 20, "0x02"), m(CANCEL, B, 20, "0x03"), m(REFUND, A, 30, "0x09"));

    @Test
    void matchingWitnessesAndAnEmptyEscrowAreOk() {
        var verdict = RoundLedger.reconcile(ledger, events, BigInteger.ZERO,
                List.of(new RoundLedger.Document("i1", H, H)));
        assertThat(verdict.ok()).as(verdict.findings().toString()).isTrue();
        assertThat(verdict.name()).isEqualTo("OK");
    }

    @Test
    void aMovementOnOneSideOnlyTotalsThatDifferAndAChangedDocumentAreEachReported() {
        var tampered = List.of(m(DEPOSIT, A, 31, "0x01"), m(DEPOSIT, B, 20, "0x02"), m(CANCEL, B, 20, "0x03"),
                m(REFUND, A, 30, null));
        var verdict = RoundLedger.reconcile(tampered, events, BigInteger.ZERO,
                List.of(new RoundLedger.Document("i1", "0x" + "cd".repeat(32), H)));
        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.findings()).hasSize(4)
                .anySatisfy(f -> assertThat(f).contains("no matching event").contains("31"))
                .anySatisfy(f -> assertThat(f).contains("does not have").contains("30"))
                .anySatisfy(f -> assertThat(f).contains("leaves 1 base units"))
                .anySatisfy(f -> assertThat(f).contains("document of investment i1"));
    }
}

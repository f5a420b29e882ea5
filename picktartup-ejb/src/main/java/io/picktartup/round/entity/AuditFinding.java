package io.picktartup.round.entity;

import io.picktartup.platform.entity.Sentence;

import java.util.List;
import java.util.Optional;

/**
 * What a reconciliation of a round with its escrow found. Stored and answered by the API as English sentences; a page
 * reads one back ({@link #read}) and says it in the reader's language ({@code audit.finding.<name>}). The variants
 * "(n times)" come first: read tries the finding in this order and the shorter one would match the longer sentence.
 */
public enum AuditFinding {
    MISSING_ON_CHAIN_TIMES("no matching event on chain for the platform's %s (%s times)"),
    MISSING_ON_CHAIN("no matching event on chain for the platform's %s"),
    UNKNOWN_TO_LEDGER_TIMES("the escrow recorded a %s that the platform's ledger does not have (%s times)"),
    UNKNOWN_TO_LEDGER("the escrow recorded a %s that the platform's ledger does not have"),
    LEDGER_BALANCE("the ledger leaves %s base units in the escrow, which holds %s"),
    EVENTS_BALANCE("the escrow's events add up to %s base units, but it holds %s"),
    DOCUMENT("the stored contract document of investment %s hashes to %s, but its investor signed %s"),
    NOT_ON_CHAIN("the escrow is not on chain yet"),
    INDEXING("the chain's events are indexed up to block %s; the round's last movement is in %s"),
    UNFINISHED("%s of the platform's transactions to the escrow are not final yet");

    /** How a finding names a movement: "DEPOSIT of 5 base units for 0x… in 0x…", the last two parts optional. */
    public enum MovementText {
        FOR_IN("%s of %s base units for %s in %s"),
        FOR("%s of %s base units for %s"),
        IN("%s of %s base units in %s"),
        BARE("%s of %s base units");

        private final Sentence sentence;

        MovementText(String english) {
            this.sentence = new Sentence(english);
        }

        static String say(RoundLedger.Movement m) {
            if (m.address() != null && m.txHash() != null) {
                return FOR_IN.sentence.say(m.kind(), m.amount(), m.address(), m.txHash());
            }
            if (m.address() != null) {
                return FOR.sentence.say(m.kind(), m.amount(), m.address());
            }
            return m.txHash() != null ? IN.sentence.say(m.kind(), m.amount(), m.txHash())
                    : BARE.sentence.say(m.kind(), m.amount());
        }

        /** Kind, amount, and the address and transaction when named (null otherwise). */
        public static Optional<List<String>> read(String text) {
            for (var form : values()) {
                var facts = form.sentence.read(text);
                if (facts.isPresent()) {
                    var f = facts.get();
                    return Optional.of(java.util.Arrays.asList(f.get(0), f.get(1),
                            form == FOR_IN || form == FOR ? f.get(2) : null,
                            form == FOR_IN ? f.get(3) : form == IN ? f.get(2) : null));
                }
            }
            return Optional.empty();
        }
    }

    private final Sentence sentence;

    AuditFinding(String english) {
        this.sentence = new Sentence(english);
    }

    public String say(Object... facts) {
        return sentence.say(facts);
    }

    /** True for the findings whose first fact is a movement. */
    public boolean namesAMovement() {
        return this == MISSING_ON_CHAIN || this == MISSING_ON_CHAIN_TIMES || this == UNKNOWN_TO_LEDGER
                || this == UNKNOWN_TO_LEDGER_TIMES;
    }

    public record Stated(AuditFinding finding, List<String> facts) {
    }

    public static Optional<Stated> read(String text) {
        for (var finding : values()) {
            var facts = finding.sentence.read(text);
            if (facts.isPresent()) {
                return Optional.of(new Stated(finding, facts.get()));
            }
        }
        return Optional.empty();
    }
}

package io.picktartup.round.entity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A round's money movements as two witnesses tell them, the platform's database and the escrow's events on chain,
 * and the verdict of comparing them: every deposit, cancel, refund and release must appear once on each side, the
 * totals must equal what the escrow holds, and every signed document must hash to the termsHash its investor signed.
 * A mismatch is reported, never repaired.
 */
public final class RoundLedger {

    private RoundLedger() {
    }

    /** The kinds of movement; DEPOSIT adds to the escrow, the others take from it. */
    public enum Kind { DEPOSIT, CANCEL, REFUND, RELEASE }

    /** One movement. Addresses in lower case; {@code txHash} and {@code termsHash} may be unknown (null). */
    public record Movement(Kind kind, String address, BigInteger amount, String txHash, String termsHash) {
        public Movement {
            Objects.requireNonNull(kind);
            address = address == null ? null : address.toLowerCase();
            txHash = txHash == null ? null : txHash.toLowerCase();
            termsHash = termsHash == null ? null : termsHash.toLowerCase();
        }

        String key() {
            return switch (kind) {
                // a refund may have been pushed in a batch or claimed by the investor: its transaction is not ours
                case REFUND, RELEASE -> kind + ":" + address + ":" + amount;
                case DEPOSIT -> kind + ":" + txHash + ":" + address + ":" + amount + ":" + termsHash;
                case CANCEL -> kind + ":" + txHash + ":" + address + ":" + amount;
            };
        }

        @Override
        public String toString() {
            return AuditFinding.MovementText.say(this);
        }
    }

    /** A signed document and the hash its investor signed. */
    public record Document(String investmentId, String storedSha256, String signedTermsHash) {
    }

    /** The outcome: OK, or MISMATCH with every finding. */
    public record Verdict(boolean ok, List<String> findings, BigInteger ledgerBalance, BigInteger escrowBalance) {
        public String name() {
            return ok ? "OK" : "MISMATCH";
        }
    }

    public static Verdict reconcile(List<Movement> database, List<Movement> chain, BigInteger escrowBalance,
                                    List<Document> documents) {
        var findings = new ArrayList<String>();
        var inDatabase = counts(database);
        var onChain = counts(chain);
        var examples = new java.util.LinkedHashMap<String, Movement>();
        database.forEach(m -> examples.putIfAbsent(m.key(), m));
        chain.forEach(m -> examples.putIfAbsent(m.key(), m));
        examples.forEach((key, movement) -> {
            int db = inDatabase.getOrDefault(key, 0);
            int events = onChain.getOrDefault(key, 0);
            if (db > events) {
                findings.add(db - events > 1 ? AuditFinding.MISSING_ON_CHAIN_TIMES.say(movement, db - events)
                        : AuditFinding.MISSING_ON_CHAIN.say(movement));
            } else if (events > db) {
                findings.add(events - db > 1 ? AuditFinding.UNKNOWN_TO_LEDGER_TIMES.say(movement, events - db)
                        : AuditFinding.UNKNOWN_TO_LEDGER.say(movement));
            }
        });
        BigInteger ledger = balance(database);
        if (ledger.compareTo(escrowBalance) != 0) {
            findings.add(AuditFinding.LEDGER_BALANCE.say(ledger, escrowBalance));
        }
        BigInteger events = balance(chain);
        if (events.compareTo(escrowBalance) != 0) {
            findings.add(AuditFinding.EVENTS_BALANCE.say(events, escrowBalance));
        }
        for (var d : documents) {
            if (d.storedSha256() == null || !d.storedSha256().equalsIgnoreCase(d.signedTermsHash())) {
                findings.add(AuditFinding.DOCUMENT.say(d.investmentId(), d.storedSha256(), d.signedTermsHash()));
            }
        }
        return new Verdict(findings.isEmpty(), List.copyOf(findings), ledger, escrowBalance);
    }

    /** What the movements leave in the escrow. */
    public static BigInteger balance(List<Movement> movements) {
        BigInteger total = BigInteger.ZERO;
        for (var m : movements) {
            total = m.kind() == Kind.DEPOSIT ? total.add(m.amount()) : total.subtract(m.amount());
        }
        return total;
    }

    /** The sum of one kind of movement. */
    public static BigInteger total(List<Movement> movements, Kind kind) {
        return movements.stream().filter(m -> m.kind() == kind).map(Movement::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    static Map<String, Integer> counts(List<Movement> movements) {
        var counts = new HashMap<String, Integer>();
        movements.forEach(m -> counts.merge(m.key(), 1, Integer::sum));
        return counts;
    }
}

package io.picktartup.round.boundary;

import io.picktartup.account.boundary.AccountRegistry;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainLedger;
import io.picktartup.chain.control.ChainLedger.Intent;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.RoundCalls;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.ChainTransactionStatus;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.control.Jsons;
import io.picktartup.round.control.SettlementFaults;
import io.picktartup.round.entity.EscrowStatus;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.SettlementMail;
import io.picktartup.startup.boundary.StartupRegister;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Settles rounds past their deadline, one small step per call, each its own transaction and each repeatable: CLOSED
 * (finalise queued) → SUCCEEDED → RELEASED, or → FAILED → REFUNDING (refund chunks queued together, sent pipelined) →
 * REFUNDED. Every chain effect goes through the outbox under a business key of its own (finalize, release, refund
 * chunk n), and the escrow itself refuses a second finalise, a second release and a second refund of an investor:
 * a settlement killed at any point and run again repeats nothing.
 */
@Stateless
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class.getName());

    /** Where a round's settlement stands after a step. */
    public enum Progress { WAITING, ADVANCED, SETTLED }

    @PersistenceContext
    EntityManager em;

    @EJB
    StartupRegister startups;

    @EJB
    Reservations reservations;

    @EJB
    AccountRegistry accounts;

    @Inject
    Chain chain;

    @Inject
    RoundCalls roundCalls;

    @Inject
    ChainOutbox outbox;

    @Inject
    ChainLedger ledger;

    @Inject
    MailOutbox mails;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    SettlementFaults faults;

    @Inject
    @ConfigProperty(name = "picktartup.settlement.refund-chunk", defaultValue = "100")
    int refundChunk;

    /** Rounds whose deadline has passed and whose settlement is not finished, oldest deadline first. */
    public List<UUID> due(int max) {
        return em.createQuery("""
                        select r.id from FundingRound r where r.deadline <= :now and r.status in :unsettled
                        order by r.deadline""", UUID.class)
                .setParameter("now", clock.now())
                .setParameter("unsettled", FundingRound.Status.UNSETTLED)
                .setMaxResults(max)
                .getResultList();
    }

    /** Takes the round one step further if it can; WAITING while the chain has not confirmed the last step. */
    public Progress advance(UUID roundId) {
        var round = em.find(FundingRound.class, roundId, LockModeType.PESSIMISTIC_WRITE);
        var now = clock.now();
        String escrow = round.contractAddress().orElseThrow();
        switch (round.status()) {
            case OPEN -> {
                if (!round.close(now)) {
                    return Progress.WAITING;
                }
                reservations.endReservations(roundId);
                outbox.enqueue(finalizeKey(roundId), escrow, roundCalls.finalizeRound(),
                        RoundCalls.FINALIZE_GAS);
                audit.record("system", "round.closed", "funding_round", roundId.toString(), "OPEN", "CLOSED");
                return Progress.ADVANCED;
            }
            case CLOSED -> {
                var finalize = ledger.intent(finalizeKey(roundId));
                if (finalize.isEmpty() || !finalize.get().finished()) {
                    return Progress.WAITING;
                }
                // confirmed, or refused because it was finalised already (AlreadyFinalized): the escrow decides
                var status = escrowStatus(escrow);
                if (!status.isFinalised()) {
                    LOG.warning(() -> "Round " + roundId + " is not finalised on chain: "
                            + finalize.get().failure().orElse("no failure recorded"));
                    return Progress.WAITING;
                }
                faults.reached(SettlementFaults.Point.AFTER_FINALIZE, roundId);
                round.finalised(status.metGoal());
                audit.record("system", "round.finalised", "funding_round", roundId.toString(), "CLOSED",
                        round.status().name());
                return Progress.ADVANCED;
            }
            case SUCCEEDED -> {
                var release = ledger.intent(releaseKey(roundId));
                if (release.isEmpty()) {
                    // no prerequisite: the escrow's Succeeded status was read from the chain (whoever finalised it)
                    outbox.enqueue(releaseKey(roundId), escrow, roundCalls.release(),
                            RoundCalls.RELEASE_GAS);
                    return Progress.ADVANCED;
                }
                if (!release.get().finished() || escrowStatus(escrow) != EscrowStatus.RELEASED) {
                    return Progress.WAITING;
                }
                // the mails leave the chain's reach: only on a final release (ours confirmed, or the escrow's
                // Released event final in the index), never on a state read at the head that a reorganisation may undo
                if (release.get().status() != ChainTransactionStatus.CONFIRMED
                        && ledger.events(escrow, List.of("Released")).isEmpty()) {
                    return Progress.WAITING;
                }
                faults.reached(SettlementFaults.Point.AFTER_RELEASE, roundId);
                round.released(release.get().txHash().orElse(null), now);
                mailEveryone(round, true);
                audit.record("system", "round.released", "funding_round", roundId.toString(), "SUCCEEDED",
                        "RELEASED " + round.raised() + " to the startup's wallet");
                return Progress.SETTLED;
            }
            case FAILED, REFUNDING -> {
                IntentKey last = round.refundChunks() == 0 ? null : refundKey(roundId, round.refundChunks() - 1);
                var lastChunk = last == null ? Optional.<Intent>empty() : ledger.intent(last);
                if (last != null && (lastChunk.isEmpty() || !lastChunk.get().finished())) {
                    return Progress.WAITING;
                }
                BigInteger cursor = read(escrow, roundCalls.refundCursor());
                BigInteger investors = read(escrow, roundCalls.investorCount());
                if (lastChunk.isPresent() && lastChunk.get().status() == ChainTransactionStatus.FAILED
                        && cursor.compareTo(investors) < 0
                        && ledger.refusedUnder(IntentKey.of(IntentKind.REFUND, roundId)) >= MAX_REFUND_RETRIES) {
                    // refunds keep failing: stop queueing and let an operator look (the job fails on its timeout)
                    LOG.severe(() -> "Refunds of round " + roundId + " keep failing: "
                            + lastChunk.get().failure().orElse("no failure recorded"));
                    return Progress.WAITING;
                }
                if (last != null && cursor.compareTo(investors) >= 0) {
                    if (!ledger.indexedThrough(last)) {
                        return Progress.WAITING; // the Refunded events tell who got what, in which transaction
                    }
                    markRefunded(round);
                    round.refunded(lastChunk.flatMap(Intent::txHash).orElse(null), now);
                    mailEveryone(round, false);
                    audit.record("system", "round.refunded", "funding_round", roundId.toString(), "REFUNDING",
                            "REFUNDED " + investors + " investors in " + round.refundChunks() + " chunk(s)");
                    return Progress.SETTLED;
                }
                // queue every remaining chunk at once, none waiting for another: the dispatcher signs them in one
                // pass with consecutive nonces and sends them pipelined. Each refundBatch refunds the next `size`
                // investors from the escrow's cursor, whichever goes first, and passes over settled ones; the escrow
                // is finalised already (its status was read above). A chunk that fails leaves its investors to the
                // chunks after it, and the cursor read above tells what is left once the last one is finished.
                int size = chunkSize();
                long remaining = investors.subtract(cursor).max(BigInteger.ZERO).longValue();
                long chunks = Math.max(1, (remaining + size - 1) / size);
                for (long n = 0; n < chunks; n++) {
                    IntentKey key = refundKey(roundId, round.nextRefundChunk());
                    outbox.enqueue(key, escrow, roundCalls.refundBatch(size), RoundCalls.refundGas(size));
                }
                return Progress.ADVANCED;
            }
            default -> {
                return Progress.SETTLED;
            }
        }
    }

    private static final int MAX_REFUND_RETRIES = 3;

    /** Investors per refund transaction: as configured, but never so many that one would not fit in a block. */
    private int chunkSize() {
        return Math.max(1, Math.min(refundChunk, RoundCalls.MAX_REFUND_CHUNK));
    }

    /** Every confirmed investment of the failed round is back with its investor (pushed, or claimed by them). */
    private void markRefunded(FundingRound round) {
        var now = clock.now();
        // the first Refunded event of each investor: the transaction that paid them back
        var refundTx = new HashMap<String, String>();
        for (var event : ledger.eventArgs(round.contractAddress().orElseThrow(), List.of("Refunded"))) {
            refundTx.putIfAbsent(Jsons.object(event.args()).getString("arg0").toLowerCase(Locale.ROOT), event.txHash());
        }
        for (var investment : em.createQuery("""
                        select i from Investment i where i.roundId = :round and i.status = :confirmed""", Investment.class)
                .setParameter("round", round.id()).setParameter("confirmed", Investment.Status.CONFIRMED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            investment.refunded(refundTx.get(investment.investorAddress().toLowerCase(Locale.ROOT)), now);
        }
    }

    private void mailEveryone(FundingRound round, boolean released) {
        var startup = startups.find(round.startupId());
        var ceoMail = SettlementMail.toCeo(startup.name(), round, released);
        mails.queue("round-settled:" + round.id() + ":ceo", startup.ceoEmail(), ceoMail.subject(), ceoMail.body());
        Map<UUID, BigInteger> invested = new HashMap<>();
        em.createQuery("""
                        select i.accountId, sum(i.amount) from Investment i
                        where i.roundId = :round and i.status in :stayed group by i.accountId""", Object[].class)
                .setParameter("round", round.id())
                .setParameter("stayed", Investment.Status.STAYED)
                .getResultList()
                .forEach(r -> invested.put((UUID) r[0], toBigInteger(r[1])));
        accounts.addressees(invested.keySet()).forEach((account, addressee) -> {
            var mail = SettlementMail.toInvestor(startup.name(), round, addressee.name(),
                    new io.picktartup.wallet.entity.TokenAmount(invested.get(account)), released);
            mails.queue("round-settled:" + round.id() + ":" + account, addressee.email(), mail.subject(), mail.body());
        });
    }

    private EscrowStatus escrowStatus(String escrow) {
        return EscrowStatus.of(read(escrow, roundCalls.status()));
    }

    private BigInteger read(String escrow, String call) {
        try {
            return TokenCalls.uint(chain.read(escrow, call));
        } catch (ChainUnavailableException e) {
            throw new io.picktartup.platform.entity.UnavailableException("chain.unavailable",
                    "The chain cannot be reached; the settlement goes on when it can.");
        }
    }

    static IntentKey finalizeKey(UUID roundId) {
        return IntentKey.of(IntentKind.FINALIZE, roundId);
    }

    static IntentKey releaseKey(UUID roundId) {
        return IntentKey.of(IntentKind.RELEASE, roundId);
    }

    static IntentKey refundKey(UUID roundId, int chunk) {
        return IntentKey.of(IntentKind.REFUND, roundId, chunk);
    }

    private static BigInteger toBigInteger(Object value) {
        return value instanceof BigInteger b ? b : ((java.math.BigDecimal) value).toBigIntegerExact();
    }
}

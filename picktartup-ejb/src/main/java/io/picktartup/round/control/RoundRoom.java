package io.picktartup.round.control;

import io.picktartup.round.entity.FundingRound;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The round's hot row: room taken under the hard cap ({@code committed}) and PKN deposited ({@code raised}), each
 * changed by one atomic statement so that a rush never oversubscribes and no change is lost. Joins the caller's
 * transaction; callers take it last, so its row lock lasts only until their commit. A transaction that changes
 * several rounds (a chain pass, an expiry sweep) gathers its changes in {@link Changes} and applies them at its end,
 * in one order of the rounds' ids: two such transactions over the same rounds then lock them in the same order and
 * cannot deadlock, and neither holds a hot row while it does the rest of its work.
 */
@Dependent
public class RoundRoom {

    @PersistenceContext
    EntityManager em;

    /** Takes {@code amount} of room if the round is open, before its deadline and under its hard cap. */
    public boolean take(UUID roundId, BigInteger amount, Instant now) {
        return em.createNativeQuery("""
                        update funding_round set committed = committed + ?1
                        where id = ?2 and status = ?4 and deadline > ?3 and committed + ?1 <= hard_cap""")
                .setParameter(1, amount).setParameter(2, roundId).setParameter(3, now)
                .setParameter(4, FundingRound.Status.OPEN.name())
                .executeUpdate() == 1;
    }

    /**
     * Applies changes gathered over a transaction: one statement per round, in {@link Changes#inLockOrder()}. Call it
     * last, after the rest of the transaction's work; reads of a round's figures that must see them come after it.
     */
    public void apply(Changes changes) {
        for (var change : changes.inLockOrder()) {
            em.createNativeQuery("""
                            update funding_round set committed = committed + ?1, raised = raised + ?2 where id = ?3""")
                    .setParameter(1, change.committed()).setParameter(2, change.raised())
                    .setParameter(3, change.roundId()).executeUpdate();
        }
    }

    /** One round's net change in a transaction: room taken ({@code committed}) and PKN deposited ({@code raised}). */
    public record Change(UUID roundId, BigInteger committed, BigInteger raised) {
    }

    /**
     * The room changes of one transaction over any number of rounds, netted per round: the same final figures as
     * applying each in turn (the rounds' checks hold for the final state, as they did after every step), taken in
     * one fixed order of the rounds' ids.
     */
    public static final class Changes {

        private final Map<UUID, Change> byRound = new TreeMap<>();

        /** Room given back: a reservation ended, a deposit failed. */
        public void giveBack(UUID roundId, BigInteger amount) {
            add(roundId, amount.negate(), BigInteger.ZERO);
        }

        /** A deposit landed in the escrow. */
        public void deposited(UUID roundId, BigInteger amount) {
            add(roundId, BigInteger.ZERO, amount);
        }

        /** A position was taken back by its investor: neither raised nor holding room any more. */
        public void withdrawn(UUID roundId, BigInteger amount) {
            add(roundId, amount.negate(), amount.negate());
        }

        private void add(UUID roundId, BigInteger committed, BigInteger raised) {
            byRound.merge(roundId, new Change(roundId, committed, raised),
                    (a, b) -> new Change(roundId, a.committed().add(b.committed()), a.raised().add(b.raised())));
        }

        /** The rounds whose figures move, each once, in the order every transaction locks them (by id). */
        public List<Change> inLockOrder() {
            return byRound.values().stream()
                    .filter(c -> c.committed().signum() != 0 || c.raised().signum() != 0)
                    .toList();
        }

        public boolean isEmpty() {
            return inLockOrder().isEmpty();
        }
    }

    /** The status and room left of a round, as committed now (to explain a refusal). */
    public Object[] statusAndRoom(UUID roundId) {
        return (Object[]) em.createNativeQuery("select status, hard_cap - committed from funding_round where id = ?1")
                .setParameter(1, roundId).getSingleResult();
    }
}

package io.picktartup.round.control;

import io.picktartup.round.entity.FundingRound;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * The round's hot row: room taken under the hard cap ({@code committed}) and PKN deposited ({@code raised}), each
 * changed by one atomic statement so that a rush never oversubscribes and no change is lost. Joins the caller's
 * transaction; callers take it last, so its row lock lasts only until their commit.
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

    /** Gives room back: a reservation ended, a deposit failed. */
    public void giveBack(UUID roundId, BigInteger amount) {
        em.createNativeQuery("update funding_round set committed = committed - ?1 where id = ?2")
                .setParameter(1, amount).setParameter(2, roundId).executeUpdate();
    }

    /** A deposit landed in the escrow. */
    public void deposited(UUID roundId, BigInteger amount) {
        em.createNativeQuery("update funding_round set raised = raised + ?1 where id = ?2")
                .setParameter(1, amount).setParameter(2, roundId).executeUpdate();
    }

    /** A position was taken back by its investor: neither raised nor holding room any more. */
    public void withdrawn(UUID roundId, BigInteger amount) {
        em.createNativeQuery("update funding_round set raised = raised - ?1, committed = committed - ?1 where id = ?2")
                .setParameter(1, amount).setParameter(2, roundId).executeUpdate();
    }

    /** The status and room left of a round, as committed now (to explain a refusal). */
    public Object[] statusAndRoom(UUID roundId) {
        return (Object[]) em.createNativeQuery("select status, hard_cap - committed from funding_round where id = ?1")
                .setParameter(1, roundId).getSingleResult();
    }
}

package io.picktartup.round.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.round.control.RoundRoom;
import io.picktartup.round.control.RoundSettings;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.RoundRefusedException;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.entity.Wallet;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Step 1 of investing: a reservation holds room in the round and the PKN in the investor's wallet for a while, within
 * every limit — the round's (open, minimum, whole shares, hard cap: one atomic conditional update on the round row,
 * so a rush never oversubscribes), the investor's yearly limits (under a lock on the investor's row) and their free
 * PKN ({@link Spending}). Reservations nobody signs in time end, and give room and PKN back.
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
public class Reservations {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    StartupRegister startups;

    @EJB
    Spending spending;

    @Inject
    RoundSettings settings;

    @Inject
    RoundRoom room;

    @Inject
    RoomBatcher batcher;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * Holds room for {@code pkn} in the round for the caller, within every limit. Returns the reservation with its
     * round and startup, read in the same transaction (an answer that fails after the commit would leave a
     * reservation its investor never heard of).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Investments.Holding reserve(UUID roundId, String pkn) {
        return reserve(roundId, pkn, null);
    }

    /**
     * As {@link #reserve(UUID, String)}; a repeated {@code requestKey} of the caller returns the first reservation.
     * Runs outside a transaction: the request waits for its round's next batch ({@link RoomBatcher}), which reads the
     * balances of the batch's wallets from the chain in one request and decides it in one transaction with the others
     * that arrived meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Investments.Holding reserve(UUID roundId, String pkn, String requestKey) {
        return batcher.reserve(context.getCallerPrincipal(), roundId, pkn, requestKey);
    }

    /** Ends reservations nobody signed in time and gives their room and PKN back; returns how many. */
    public int expireReservations(int max) {
        var now = clock.now();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select id from investment where status = ?3 and reserved_until <= ?1
                        order by reserved_until limit ?2 for update skip locked""", UUID.class)
                .setParameter(1, now).setParameter(2, max).setParameter(3, Investment.Status.RESERVED.name())
                .getResultList();
        var changes = new RoundRoom.Changes(); // rounds' rows last and in one order: a chain pass may hold them too
        for (UUID id : ids) {
            var investment = em.find(Investment.class, id);
            if (investment.expiredAt(now)) {
                end(investment, changes);
                audit.record("system", "investment.expired", "investment", id.toString(), "RESERVED", "EXPIRED");
            }
        }
        room.apply(changes);
        return ids.size();
    }

    /** Ends every reservation of a round that closes, giving room and PKN back (joins the caller's transaction). */
    public void endReservations(UUID roundId) {
        var changes = new RoundRoom.Changes();
        for (var investment : em.createQuery("""
                        select i from Investment i where i.roundId = :round and i.status = :reserved""", Investment.class)
                .setParameter("round", roundId).setParameter("reserved", Investment.Status.RESERVED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            end(investment, changes);
        }
        room.apply(changes);
    }

    private void end(Investment investment, RoundRoom.Changes changes) {
        investment.expired(clock.now());
        spending.release(investment.depositIntent());
        changes.giveBack(investment.roundId(), investment.amount().baseUnits());
    }
}

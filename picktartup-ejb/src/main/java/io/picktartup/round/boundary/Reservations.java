package io.picktartup.round.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.account.entity.Account;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.round.control.RoundRoom;
import io.picktartup.round.control.RoundSettings;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.RoundRefusedException;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Wallet;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
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

    @EJB
    io.picktartup.platform.boundary.PlatformSwitches switches;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * Holds room for {@code pkn} in the round for the caller, within every limit. Returns the reservation with its
     * round and startup, read in the same transaction (an answer that fails after the commit would leave a
     * reservation its investor never heard of).
     */
    public Investments.Holding reserve(UUID roundId, String pkn) {
        return reserve(roundId, pkn, null);
    }

    /** As {@link #reserve(UUID, String)}; a repeated {@code requestKey} of the caller returns the first reservation. */
    public Investments.Holding reserve(UUID roundId, String pkn, String requestKey) {
        UUID investor = Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
        if (requestKey != null && requestKey.length() > 100) {
            throw new InvalidInputException("Idempotency-Key", FieldRule.MAX_LENGTH, 100);
        }
        TokenAmount amount = TokenAmount.parse("amount", pkn);
        switches.requireInvestmentsOpen();
        var now = clock.now();
        var round = em.find(FundingRound.class, roundId);
        if (round == null || round.status() == FundingRound.Status.DRAFT) {
            throw new NotFoundException("Round", roundId);
        }
        var quote = round.quote(amount, now);
        var startup = startups.find(round.startupId());
        if (startup.isLedBy(investor)) {
            throw new RoundRefusedException("investment.own-startup", "A CEO cannot invest in their own startup's round.");
        }
        // the investor's row serialises their own concurrent reservations: limits are checked once each
        var account = em.find(Account.class, investor, LockModeType.PESSIMISTIC_WRITE);
        if (requestKey != null && !requestKey.isBlank()) {
            // under the investor's lock: a concurrent copy of this request waits here, then finds the first one
            var earlier = em.createQuery("""
                            select i from Investment i where i.accountId = :account and i.requestKey = :key""",
                            Investment.class)
                    .setParameter("account", investor).setParameter("key", requestKey.strip())
                    .getResultStream().findFirst();
            if (earlier.isPresent()) {
                var first = earlier.get();
                var itsRound = em.find(FundingRound.class, first.roundId());
                return new Investments.Holding(first, itsRound, startups.find(itsRound.startupId()),
                        itsRound.statusAt(now));
            }
        }
        int year = LocalDate.ofInstant(now, SEOUL).getYear();
        Object[] used = em.createQuery("""
                        select coalesce(sum(case when i.startupId = :startup then i.amountKrw else 0 end), 0),
                               coalesce(sum(i.amountKrw), 0)
                        from Investment i where i.accountId = :account and i.limitYear = :year and i.status in :counted""",
                        Object[].class)
                .setParameter("startup", startup.id()).setParameter("account", investor).setParameter("year", year)
                .setParameter("counted", Investment.Status.HOLDING)
                .getSingleResult();
        settings.limits().check(account.category(), ((Number) used[0]).longValue(), ((Number) used[1]).longValue(),
                quote.amountKrw());
        var wallet = em.find(Wallet.class, investor);
        if (wallet == null) {
            throw new NotFoundException("Wallet", investor);
        }
        var investment = new Investment(java.util.UUID.randomUUID(), round, investor, wallet.address().value(), quote,
                year, now.plus(settings.reservation()), now);
        investment.requestedAs(requestKey);
        // the PKN stay in the wallet until the deposit: held there, so no other movement spends them meanwhile
        spending.hold(investor, investment.depositIntent(), amount);
        em.persist(investment);
        audit.record(investor.toString(), "investment.reserved", "investment", investment.id().toString(), null,
                amount + " in round " + roundId);
        em.flush();
        // the hot row, last: one conditional update, whose row lock is held only for the commit that follows
        if (!room.take(roundId, amount.baseUnits(), now)) {
            throw refusedByRound(roundId, amount); // rolls the reservation and the hold back with it
        }
        return new Investments.Holding(investment, round, startup, round.statusAt(now));
    }

    private RuntimeException refusedByRound(UUID roundId, TokenAmount amount) {
        Object[] row = room.statusAndRoom(roundId);
        if (!FundingRound.Status.OPEN.name().equals(row[0])) {
            return new RoundRefusedException("round.not-open", "The round is not open for investment.");
        }
        BigInteger left = row[1] instanceof BigInteger b ? b : ((BigDecimal) row[1]).toBigIntegerExact();
        var remaining = new TokenAmount(left.max(BigInteger.ZERO));
        if (remaining.compareTo(amount) < 0) {
            return new RoundRefusedException("round.hard-cap", "The round is nearly full: " + remaining
                    + " of room is left under its hard cap.", Map.of("remainingPkn", remaining.tokens().toPlainString()));
        }
        return new RoundRefusedException("round.closed", "The round closed at its deadline.");
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
        for (UUID id : ids) {
            var investment = em.find(Investment.class, id);
            if (investment.expiredAt(now)) {
                end(investment);
                audit.record("system", "investment.expired", "investment", id.toString(), "RESERVED", "EXPIRED");
            }
        }
        return ids.size();
    }

    /** Ends every reservation of a round that closes, giving room and PKN back (joins the caller's transaction). */
    public void endReservations(UUID roundId) {
        for (var investment : em.createQuery("""
                        select i from Investment i where i.roundId = :round and i.status = :reserved""", Investment.class)
                .setParameter("round", roundId).setParameter("reserved", Investment.Status.RESERVED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            end(investment);
        }
    }

    private void end(Investment investment) {
        investment.expired(clock.now());
        spending.release(investment.depositIntent());
        room.giveBack(investment.roundId(), investment.amount().baseUnits());
    }
}

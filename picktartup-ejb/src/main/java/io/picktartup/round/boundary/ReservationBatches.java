package io.picktartup.round.boundary;

import io.picktartup.account.boundary.AccountRegistry;
import io.picktartup.platform.boundary.PlatformSwitches;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.control.RoundRoom;
import io.picktartup.round.control.RoundSettings;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.RoundRefusedException;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.control.Holds;
import io.picktartup.wallet.entity.InsufficientPknException;
import io.picktartup.wallet.entity.TokenAmount;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Group commit of reservations: one transaction decides a batch of reservations into one round, in their order of
 * arrival, exactly as each alone would be decided (the round's rules, the investor's yearly limits, their free PKN,
 * the hard cap), counting what the batch's earlier reservations took — the same investor twice included. It locks
 * the investors' rows, then their wallets, then the round's row once (the order every reservation path uses), writes
 * the accepted reservations, their holds and audit rows in batches and takes their room with one update.
 * Called by {@link RoomBatcher} only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReservationBatches {

    @PersistenceContext
    EntityManager em;

    @EJB
    StartupRegister startups;

    @EJB
    Spending spending;

    @EJB
    AccountRegistry accounts;

    @EJB
    PlatformSwitches switches;

    @Inject
    RoundSettings settings;

    @Inject
    RoundRoom room;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * One reservation asked for: the investor, the amount, their idempotency key (stripped, or null) and their wallet's
     * balance on chain as {@link RoomBatcher} read it for the batch before its transaction (null when the chain could
     * not be read), from {@code balanceReadAt} on.
     */
    public record Request(UUID investor, TokenAmount amount, String key, BigInteger balance, Instant balanceReadAt) {

        /** A request as it arrives: its balance not read yet ({@link RoomBatcher} reads a batch's at once). */
        public static Request unread(UUID investor, TokenAmount amount, String key) {
            return new Request(investor, amount, key, null, null);
        }

        /** The same request with its wallet's balance read from {@code readAt} on (null: the chain was unreadable). */
        Request withBalance(BigInteger read, Instant readAt) {
            return new Request(investor, amount, key, read, readAt);
        }
    }

    /** A request's outcome: its reservation (new, or the earlier one under the same key), or why it was refused. */
    public record Outcome(Investments.Holding holding, BusinessException refusal) {
        static Outcome refused(BusinessException refusal) {
            return new Outcome(null, refusal);
        }
    }

    /** Decides and writes {@code requests} into {@code roundId} in one transaction; one outcome per request, in order. */
    public List<Outcome> apply(UUID roundId, List<Request> requests) {
        var now = clock.now();
        var outcomes = new ArrayList<Outcome>(requests.size());
        try {
            // the operators' switch, once for the whole batch (it was a transaction of its own per request)
            switches.requireInvestmentsOpen();
        } catch (BusinessException closed) {
            for (int i = 0; i < requests.size(); i++) {
                outcomes.add(Outcome.refused(closed));
            }
            return outcomes;
        }
        var investors = new TreeSet<UUID>();
        var keys = new TreeSet<String>();
        for (var request : requests) {
            investors.add(request.investor());
            if (request.key() != null) {
                keys.add(request.key());
            }
        }
        // the investors' rows serialise their reservations into every round: limits are counted once each
        var categories = accounts.lockInvestors(investors);
        // under the investors' locks: a copy of a request in another batch finds the first one here
        var earlier = new HashMap<String, Investment>();
        if (!keys.isEmpty()) {
            for (var investment : em.createQuery("""
                            select i from Investment i where i.accountId in :ids and i.requestKey in :keys""",
                            Investment.class)
                    .setParameter("ids", investors).setParameter("keys", keys).getResultList()) {
                earlier.put(keyOf(investment.accountId(), investment.requestKey().orElseThrow()), investment);
            }
        }
        var readFrom = requests.stream().map(Request::balanceReadAt).min(Instant::compareTo).orElse(now);
        var wallets = spending.lockForHolds(investors, readFrom);
        var round = em.find(FundingRound.class, roundId, LockModeType.PESSIMISTIC_WRITE);
        if (round == null || round.status() == FundingRound.Status.DRAFT) {
            for (var request : requests) {
                outcomes.add(again(earlier, request, now)
                        .orElseGet(() -> Outcome.refused(new NotFoundException("Round", roundId))));
            }
            return outcomes;
        }
        var startup = startups.find(round.startupId());
        int year = LocalDate.ofInstant(now, Reservations.SEOUL).getYear();
        var used = new HashMap<UUID, long[]>();
        for (Object[] row : em.createQuery("""
                        select i.accountId,
                               coalesce(sum(case when i.startupId = :startup then i.amountKrw else 0 end), 0),
                               coalesce(sum(i.amountKrw), 0)
                        from Investment i where i.accountId in :ids and i.limitYear = :year and i.status in :counted
                        group by i.accountId""", Object[].class)
                .setParameter("startup", startup.id()).setParameter("ids", investors).setParameter("year", year)
                .setParameter("counted", Investment.Status.HOLDING).getResultList()) {
            used.put((UUID) row[0], new long[]{((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        var limits = settings.limits();
        var heldMeanwhile = new HashMap<UUID, BigInteger>();
        var room = round.hardCap().baseUnits().subtract(round.committed().baseUnits());
        var taken = BigInteger.ZERO;
        var accepted = new ArrayList<Investment>();
        var newHolds = new ArrayList<Holds.NewHold>();
        for (var request : requests) {
            var repeated = again(earlier, request, now);
            if (repeated.isPresent()) {
                outcomes.add(repeated.get());
                continue;
            }
            try {
                var category = categories.get(request.investor());
                if (category == null) {
                    throw new NotFoundException("Account", request.investor());
                }
                var quote = round.quote(request.amount(), now);
                if (startup.isLedBy(request.investor())) {
                    throw new RoundRefusedException("investment.own-startup",
                            "A CEO cannot invest in their own startup's round.");
                }
                long[] soFar = used.computeIfAbsent(request.investor(), k -> new long[2]);
                limits.check(category, soFar[0], soFar[1], quote.amountKrw());
                var wallet = wallets.get(request.investor());
                if (wallet == null) {
                    throw new NotFoundException("Wallet", request.investor());
                }
                var amount = request.amount().baseUnits();
                var held = wallet.held().baseUnits().add(heldMeanwhile.getOrDefault(request.investor(), BigInteger.ZERO));
                if (amount.signum() > 0) {
                    if (request.balance() == null) {
                        throw new UnavailableException("chain.unavailable",
                                "The balance cannot be read from the chain right now.");
                    }
                    var free = request.balance().subtract(held).max(BigInteger.ZERO);
                    if (free.compareTo(amount) < 0) {
                        throw new InsufficientPknException(new TokenAmount(free), new TokenAmount(held));
                    }
                }
                // the hard cap, last, as the round's one conditional update would check it
                var remaining = room.subtract(taken).max(BigInteger.ZERO);
                if (remaining.compareTo(amount) < 0) {
                    var left = new TokenAmount(remaining);
                    throw new RoundRefusedException("round.hard-cap", "The round is nearly full: " + left
                            + " of room is left under its hard cap.", Map.of("remainingPkn", left.tokens().toPlainString()));
                }
                var investment = new Investment(UUID.randomUUID(), round, request.investor(),
                        wallet.address().value(), quote, year, now.plus(settings.reservation()), now);
                investment.requestedAs(request.key());
                soFar[0] += quote.amountKrw();
                soFar[1] += quote.amountKrw();
                heldMeanwhile.merge(request.investor(), amount, BigInteger::add);
                taken = taken.add(amount);
                accepted.add(investment);
                newHolds.add(new Holds.NewHold(wallet.address(), investment.depositIntent(), request.amount()));
                if (request.key() != null) {
                    earlier.put(keyOf(request.investor(), request.key()), investment);
                }
                outcomes.add(new Outcome(new Investments.Holding(investment, round, startup, round.statusAt(now)), null));
            } catch (BusinessException refusal) {
                outcomes.add(Outcome.refused(refusal));
            }
        }
        if (!accepted.isEmpty()) {
            // the PKN stay in the wallets until the deposits: held there, so no other movement spends them meanwhile
            spending.holdAll(newHolds);
            var entries = new ArrayList<AuditTrail.Entry>(accepted.size());
            for (var investment : accepted) {
                em.persist(investment);
                entries.add(new AuditTrail.Entry(investment.accountId().toString(), "investment.reserved",
                        "investment", investment.id().toString(), null, investment.amount() + " in round " + roundId));
            }
            // the batch's audit rows in one call and one JDBC batch (one container call and one insert per row before)
            audit.recordAll(entries);
            em.flush();
            // decided under the round's lock: the one update cannot be refused
            if (!this.room.take(roundId, taken, now)) {
                throw new IllegalStateException("round " + roundId + " changed under its row lock");
            }
        }
        return outcomes;
    }

    /** The earlier reservation under the request's key (from before, or earlier in this batch), if any. */
    private java.util.Optional<Outcome> again(Map<String, Investment> earlier, Request request, java.time.Instant now) {
        if (request.key() == null) {
            return java.util.Optional.empty();
        }
        var first = earlier.get(keyOf(request.investor(), request.key()));
        if (first == null) {
            return java.util.Optional.empty();
        }
        var itsRound = em.find(FundingRound.class, first.roundId());
        return java.util.Optional.of(new Outcome(new Investments.Holding(first, itsRound,
                startups.find(itsRound.startupId()), itsRound.statusAt(now)), null));
    }

    private static String keyOf(UUID investor, String key) {
        return investor + "\n" + key;
    }
}

package io.picktartup.round.boundary;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.RoundCalls;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.coin.control.CoinSettings;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.startup.entity.Startup;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Funding rounds: a startup's CEO or an admin drafts one, opening it creates its escrow on chain through the outbox
 * (the address is known before it is mined: CREATE2 from the round id), and everyone reads its live progress.
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
public class Rounds {

    /** A round with its live progress, as anyone may see it. */
    public record RoundView(FundingRound round, Startup startup, FundingRound.Status status, long investors,
                            Duration timeLeft) {
    }

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    StartupRegister startups;

    @EJB
    Investments investments;

    @Inject
    Chain chain;

    @Inject
    ChainSettings chainSettings;

    @Inject
    RoundCalls roundCalls;

    @Inject
    ChainOutbox outbox;

    @Inject
    CoinSettings coinSettings;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Drafts a round for {@code startupId}; only its CEO or an admin may. */
    @RolesAllowed({"ADMIN", "STARTUP"})
    public FundingRound draft(UUID startupId, FundingRound.Draft draft) {
        var startup = startups.find(startupId);
        requireManager(startup);
        var now = clock.now();
        InvalidInputException.refuseIfAny(draft.problems(now, coinSettings.wonPerToken()));
        UUID id = UUID.randomUUID();
        String chainRoundId = Numeric.toHexString(TokenCalls.businessId("round:" + id));
        var round = new FundingRound(id, startupId, draft, coinSettings.wonPerToken(), chainRoundId, caller(), now);
        em.persist(round);
        audit.record(caller().toString(), "round.drafted", "funding_round", id.toString(), null,
                round.name() + ": goal " + round.goal() + ", cap " + round.hardCap() + ", deadline " + round.deadline());
        return round;
    }

    /** DRAFT → OPENING: queues the escrow's creation; the round is OPEN once it is mined. */
    @RolesAllowed({"ADMIN", "STARTUP"})
    public FundingRound open(UUID roundId) {
        var round = em.find(FundingRound.class, roundId, LockModeType.PESSIMISTIC_WRITE);
        if (round == null) {
            throw new NotFoundException("Round", roundId);
        }
        var startup = startups.find(round.startupId());
        requireManager(startup);
        String factory = chainSettings.factoryAddress()
                .orElseThrow(() -> new UnavailableException("chain.unavailable", "No round factory is configured."));
        var parameters = parameters(round, startup);
        String predicted;
        try {
            predicted = RoundCalls.address(chain.read(factory, roundCalls.predictRound(parameters)));
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; open the round later.");
        }
        round.opening(org.web3j.crypto.Keys.toChecksumAddress(predicted), clock.now());
        outbox.enqueue(openKey(roundId), factory, roundCalls.createRound(parameters), RoundCalls.CREATE_GAS);
        audit.record(caller().toString(), "round.opening", "funding_round", roundId.toString(), "DRAFT",
                "OPENING at " + round.contractAddress().orElseThrow());
        return round;
    }

    /** A chain pass's ends, told together: each of this component's kinds handled in turn. */
    public void onSettled(@Observes ChainTransactionsSettled pass) {
        pass.all().forEach(this::settled);
    }

    /** The escrow's creation was mined (OPEN) or refused (back to DRAFT, with the reason). */
    private void settled(ChainTransactionSettled settled) {
        if (!settled.is(IntentKind.ROUND_OPEN)) {
            return;
        }
        UUID id = settled.key().id();
        var round = em.find(FundingRound.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (round == null) {
            return;
        }
        var before = round.status();
        if (settled.confirmed()) {
            round.opened(settled.txHash().orElse(null), clock.now());
        } else {
            round.openFailed(settled.failure().orElse("unknown"));
        }
        audit.record("system", "round." + round.status().name().toLowerCase(), "funding_round", id.toString(),
                before.name(), round.status().name());
    }

    @PermitAll
    public RoundView view(UUID roundId) {
        var round = em.find(FundingRound.class, roundId);
        if (round == null) {
            throw new NotFoundException("Round", roundId);
        }
        var startup = startups.find(round.startupId());
        if (!FundingRound.Status.PUBLIC.contains(round.status()) && !mayManage(startup)) {
            throw new NotFoundException("Round", roundId);
        }
        return view(round, startup);
    }

    /** Every round of the startup, drafts included, newest first: for its CEO and admins (others get a 404). */
    @RolesAllowed({"ADMIN", "STARTUP"})
    public List<RoundView> ofStartup(UUID startupId) {
        var startup = startups.find(startupId);
        requireManager(startup);
        return em.createQuery("select r from FundingRound r where r.startupId = :startup order by r.createdAt desc",
                        FundingRound.class).setParameter("startup", startupId).setMaxResults(200)
                .getResultList().stream().map(r -> view(r, startup)).toList();
    }

    /**
     * Rounds anyone may see (not drafts), those open now first (a round past its deadline is not, settled or not),
     * soonest deadline first.
     */
    @PermitAll
    public List<RoundView> list(Optional<UUID> startupId, int max) {
        String jpql = """
                select r from FundingRound r where r.status in :public
                and (:startup is null or r.startupId = :startup)
                order by case when OPEN_AT then 0 else 1 end, r.deadline""".replace("OPEN_AT", FundingRound.OPEN_AT);
        var query = FundingRound.bindOpenAt(em.createQuery(jpql, FundingRound.class), clock.now())
                .setParameter("public", FundingRound.Status.PUBLIC)
                .setParameter("startup", startupId.orElse(null))
                .setMaxResults(Math.max(1, Math.min(max, 200)));
        return query.getResultList().stream().map(r -> view(r, startups.find(r.startupId()))).toList();
    }

    /**
     * The platform's totals for its front door: rounds open now, rounds funded (released to their startup), the PKN
     * invested in rounds that are open or met their goal (deposits on chain, cancellations and refunds taken off),
     * and the investors who hold or held a position in them.
     */
    public record Totals(long openRounds, long fundedRounds, TokenAmount investedPkn, long investedWon,
                         long investors) {
    }

    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Totals totals() {
        var open = FundingRound.bindOpenAt(em.createQuery("select count(r) from FundingRound r where r.status in :public "
                        + "and " + FundingRound.OPEN_AT, Long.class), clock.now())
                .setParameter("public", FundingRound.Status.PUBLIC).getSingleResult();
        var funded = em.createQuery("select count(r) from FundingRound r where r.status = :released", Long.class)
                .setParameter("released", FundingRound.Status.RELEASED).getSingleResult();
        // each round at its own rate (fixed when it was drafted)
        var invested = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(raised), 0), coalesce(sum(raised * won_per_token), 0) from funding_round
                        where status in COUNTING""".replace("COUNTING",
                        io.picktartup.platform.entity.SqlLiterals.list(FundingRound.Status.COUNTS_AS_FUNDING)))
                .getSingleResult();
        var investors = em.createQuery("select count(distinct i.accountId) from Investment i join FundingRound r "
                        + "on r.id = i.roundId where r.status in :counting and i.status in :position", Long.class)
                .setParameter("counting", FundingRound.Status.COUNTS_AS_FUNDING)
                .setParameter("position", java.util.EnumSet.of(Investment.Status.CONFIRMED, Investment.Status.CANCELLING))
                .getSingleResult();
        var pkn = new java.math.BigDecimal(invested[0].toString()).toBigIntegerExact();
        long won = new java.math.BigDecimal(invested[1].toString()).toBigInteger().divide(BigInteger.TEN.pow(TokenAmount.DECIMALS))
                .longValueExact();
        return new Totals(open, funded, new TokenAmount(pkn), won, investors);
    }

    private RoundView view(FundingRound round, Startup startup) {
        var now = clock.now();
        long investors = investments.investorCount(round.id());
        var left = now.isBefore(round.deadline()) ? Duration.between(now, round.deadline()) : Duration.ZERO;
        return new RoundView(round, startup, round.statusAt(now), investors, left);
    }

    private RoundCalls.Parameters parameters(FundingRound round, Startup startup) {
        return new RoundCalls.Parameters(Numeric.hexStringToByteArray(round.chainRoundId()), startup.walletAddress(),
                round.goal().baseUnits(), round.hardCap().baseUnits(), round.minInvestment().baseUnits(),
                BigInteger.valueOf(round.deadline().getEpochSecond()));
    }

    static IntentKey openKey(UUID roundId) {
        return IntentKey.of(IntentKind.ROUND_OPEN, roundId);
    }

    private void requireManager(Startup startup) {
        if (!mayManage(startup)) {
            // a CEO of another startup learns nothing about this one's drafts
            throw new NotFoundException("Startup", startup.id());
        }
    }

    private boolean mayManage(Startup startup) {
        var caller = Caller.accountId(context.getCallerPrincipal());
        return context.isCallerInRole("ADMIN") || caller.map(startup::isLedBy).orElse(false);
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal()).orElseThrow();
    }
}

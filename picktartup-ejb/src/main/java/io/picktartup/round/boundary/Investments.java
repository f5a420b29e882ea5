package io.picktartup.round.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.mail.entity.MailMessage;
import io.picktartup.platform.entity.Caller;
import io.picktartup.round.entity.InvestmentMail;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.startup.entity.Startup;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Reading investments: an investor's own, one for whoever may see it (its investor, the startup's CEO, admins;
 * anyone else gets a 404), a round's for its CEO and admins, and what a share is worth now.
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
public class Investments {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    StartupRegister startups;

    @EJB
    io.picktartup.mail.boundary.MailDeliveries mails;

    @jakarta.inject.Inject
    io.picktartup.platform.control.Clock clock;

    /**
     * An investment with the round and startup it went into, and the round's status as of now (a round past its
     * deadline is CLOSED before the nightly settlement records it).
     */
    public record Holding(Investment investment, FundingRound round, Startup startup, FundingRound.Status roundStatus) {
    }

    /** One investment, for its investor, the startup's CEO and admins; anyone else gets a 404. */
    @PermitAll
    public Investment find(UUID investmentId) {
        var investment = em.find(Investment.class, investmentId);
        if (investment == null) {
            throw new NotFoundException("Investment", investmentId);
        }
        if (investment.belongsTo(callerOrNull()) || mayOversee(startups.find(investment.startupId()))) {
            return investment;
        }
        throw new NotFoundException("Investment", investmentId);
    }

    /** One investment with its round and startup, for whoever may see it. */
    @PermitAll
    public Holding holding(UUID investmentId) {
        var investment = find(investmentId);
        var round = em.find(FundingRound.class, investment.roundId());
        return new Holding(investment, round, startups.find(round.startupId()), round.statusAt(clock.now()));
    }

    /** The caller's investments, newest first. */
    public List<Holding> mine(int max) {
        var now = clock.now();
        UUID caller = Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
        var rows = em.createQuery("""
                        select i, r from Investment i, FundingRound r
                        where r.id = i.roundId and i.accountId = :account
                        order by i.createdAt desc""", Object[].class)
                .setParameter("account", caller)
                .setMaxResults(Math.max(1, Math.min(max, 500)))
                .getResultList();
        // the startups through their owner's boundary, once each (an investor holds a few)
        var startupsById = new java.util.HashMap<UUID, Startup>();
        return rows.stream().map(row -> {
            var investment = (Investment) row[0];
            var round = (FundingRound) row[1];
            var startup = startupsById.computeIfAbsent(investment.startupId(), startups::find);
            return new Holding(investment, round, startup, round.statusAt(now));
        }).toList();
    }

    /** The round's investments, for its startup's CEO and admins. */
    public List<Investment> ofRound(UUID roundId, int max) {
        var round = em.find(FundingRound.class, roundId);
        if (round == null || !mayOversee(startups.find(round.startupId()))) {
            throw new NotFoundException("Round", roundId);
        }
        return em.createQuery("select i from Investment i where i.roundId = :round order by i.createdAt desc",
                        Investment.class)
                .setParameter("round", roundId)
                .setMaxResults(Math.max(1, Math.min(max, 1000)))
                .getResultList();
    }

    /** One investment as the round's CEO sees it: the investor's name masked as in the CEO's mails. */
    public record InvestorLine(UUID investmentId, String investor, TokenAmount amount, long amountKrw, long shares,
                               Investment.Status status, Instant createdAt, Optional<Instant> confirmedAt) {
    }

    /** A mail the round caused (confirmed investments, settlement), the recipient masked unless it is the CEO. */
    public record RoundMail(String recipient, String subject, MailMessage.Status status, Instant createdAt,
                            Optional<Instant> sentAt) {
    }

    /** The round's investments with their investors' names masked (as in the mails), for its CEO and admins. */
    public List<InvestorLine> investorsOf(UUID roundId) {
        var lines = new java.util.ArrayList<InvestorLine>();
        for (var i : ofRound(roundId, 1000)) {
            var investor = em.find(Account.class, i.accountId());
            lines.add(new InvestorLine(i.id(), InvestmentMail.mask(investor == null ? "" : investor.name()), i.amount(),
                    i.amountKrw(), i.shares(), i.status(), i.createdAt(), i.confirmedAt()));
        }
        return lines;
    }

    /** The mails the round sent or will send, newest first, for its CEO and admins. */
    public List<RoundMail> mailsOf(UUID roundId) {
        var investments = ofRound(roundId, 1000);
        var startup = startups.find(investments.isEmpty() ? em.find(FundingRound.class, roundId).startupId()
                : investments.get(0).startupId());
        var keys = new java.util.ArrayList<String>();
        keys.add("round-settled:" + roundId + ":ceo");
        for (var i : investments) {
            keys.add("investment-confirmed:" + i.id());
            keys.add("round-settled:" + roundId + ":" + i.accountId());
        }
        return mails.withKeys(keys).stream().map(m -> new RoundMail(
                m.recipient().equalsIgnoreCase(startup.ceoEmail()) ? m.recipient() : maskEmail(m.recipient()),
                m.subject(), m.status(), m.createdAt(), m.sentAt())).toList();
    }

    /** kim.cheolsu@example.com → k*********u@example.com */
    static String maskEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return InvestmentMail.mask(email.substring(0, at)) + email.substring(at);
    }

    /** Investors holding a position in the round's escrow. */
    @PermitAll
    public long investorCount(UUID roundId) {
        return em.createQuery("""
                        select count(distinct i.accountId) from Investment i
                        where i.roundId = :round and i.status in :position""", Long.class)
                .setParameter("round", roundId).setParameter("position", Investment.Status.POSITION)
                .getSingleResult();
    }

    /**
     * What a share is worth now: the value an admin set for the startup, else the price per share of its latest round
     * that is open or past (a later round re-prices the company).
     */
    @PermitAll
    public OptionalLong currentPricePerShareKrw(UUID startupId) {
        var valued = startups.find(startupId).valuePerShareKrw();
        if (valued.isPresent()) {
            return valued;
        }
        return em.createQuery("""
                        select r.pricePerShareKrw from FundingRound r where r.startupId = :startup
                        and r.status in :priced order by r.createdAt desc""", Long.class)
                .setParameter("startup", startupId)
                .setParameter("priced", FundingRound.Status.PRICED)
                .setMaxResults(1)
                .getResultStream().mapToLong(Long::longValue).findFirst();
    }

    private boolean mayOversee(Startup startup) {
        return context.isCallerInRole("ADMIN") || Caller.accountId(context.getCallerPrincipal()).map(startup::isLedBy)
                .orElse(false);
    }

    private UUID callerOrNull() {
        return Caller.accountId(context.getCallerPrincipal()).orElse(null);
    }
}

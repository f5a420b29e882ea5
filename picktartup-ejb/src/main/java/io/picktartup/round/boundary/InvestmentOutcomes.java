package io.picktartup.round.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.round.control.RoundRoom;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.InvestmentMail;
import io.picktartup.startup.boundary.StartupRegister;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;

/**
 * What the chain says about investments: a deposit or a cancel reached its end, and the investments and the round's
 * figures follow, once, in the transaction that records it (the wallet's hold ends in the same one).
 */
@Stateless
public class InvestmentOutcomes {

    @PersistenceContext
    EntityManager em;

    @EJB
    StartupRegister startups;

    @EJB
    Investments investments;

    @Inject
    RoundRoom room;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    MailOutbox mails;

    /**
     * A chain pass's ends, told together: each of this component's kinds handled in turn, in the pass's order. The
     * rounds' figures move last, in one order of their ids ({@link RoundRoom#apply}): a receipt pass and a signing
     * pass (two threads, or two instances) that end deposits of the same rounds in different orders would otherwise
     * lock those rows crosswise and one of them would be aborted as a deadlock. The CEOs' mails are queued after, so
     * they read the round's figures as this pass leaves them.
     */
    public void onSettled(@Observes ChainTransactionsSettled pass) {
        var changes = new RoundRoom.Changes();
        var confirmed = new java.util.ArrayList<Investment>();
        for (var settled : pass.all()) {
            if (settled.is(IntentKind.DEPOSIT)) {
                depositSettled(settled, changes, confirmed);
            } else if (settled.is(IntentKind.CANCEL)) {
                cancelSettled(settled, changes);
            }
        }
        room.apply(changes);
        confirmed.forEach(this::mailCeo);
    }

    private void depositSettled(ChainTransactionSettled settled, RoundRoom.Changes changes,
                                java.util.List<Investment> confirmed) {
        var id = settled.key().id();
        var investment = em.find(Investment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (investment == null) {
            return;
        }
        var now = clock.now();
        BigInteger amount = investment.amount().baseUnits();
        if (settled.confirmed()) {
            if (investment.confirmed(settled.txHash().orElse(null), now)) {
                changes.deposited(investment.roundId(), amount);
                confirmed.add(investment);
                audit.record("system", "investment.confirmed", "investment", id.toString(), "PENDING",
                        "CONFIRMED " + settled.txHash().orElse(""));
            }
        } else if (investment.failed(settled.failure().orElse("unknown"), now)) {
            changes.giveBack(investment.roundId(), amount);
            audit.record("system", "investment.failed", "investment", id.toString(), "PENDING",
                    "FAILED: " + settled.failure().orElse("unknown"));
        }
    }

    /** Queued in the confirming transaction: the mail goes out once, even if SMTP is down right now. */
    private void mailCeo(Investment investment) {
        var round = em.find(FundingRound.class, investment.roundId());
        em.refresh(round); // the raised figure was just updated in SQL (the pass's changes, applied before)
        var startup = startups.find(round.startupId());
        var investor = em.find(Account.class, investment.accountId());
        long investors = investments.investorCount(round.id());
        var mail = InvestmentMail.toCeo(startup.name(), round, investment, investor.name(), investors);
        mails.queue("investment-confirmed:" + investment.id(), startup.ceoEmail(), mail.subject(), mail.body());
    }

    private void cancelSettled(ChainTransactionSettled settled, RoundRoom.Changes changes) {
        var cancelled = em.createQuery("select i from Investment i where i.cancelKey = :key", Investment.class)
                .setParameter("key", settled.key().value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        var now = clock.now();
        for (var investment : cancelled) {
            if (settled.confirmed()) {
                if (investment.cancelled(settled.txHash().orElse(null), now)) {
                    changes.withdrawn(investment.roundId(), investment.amount().baseUnits());
                    audit.record("system", "investment.cancelled", "investment", investment.id().toString(),
                            "CANCELLING", "CANCELLED " + settled.txHash().orElse(""));
                }
            } else if (investment.cancelRefused(settled.failure().orElse("unknown"))) {
                audit.record("system", "investment.cancel-refused", "investment", investment.id().toString(),
                        "CANCELLING", "CONFIRMED: " + settled.failure().orElse("unknown"));
            }
        }
    }
}

package io.picktartup.wallet.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.platform.control.Clock;
import io.picktartup.wallet.control.Holds;
import io.picktartup.wallet.entity.InsufficientPknException;
import io.picktartup.wallet.entity.OperationInFlightException;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.WalletAddress;
import io.picktartup.wallet.entity.Wallet;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.web3j.crypto.ECKeyPair;

import java.util.UUID;

/**
 * The transactional half of {@link Spending}, for its use only: holds taken under the wallet's row lock, and the
 * short transaction of a signed movement after the key derivation.
 */
@Stateless
public class SpendingTransaction {

    @PersistenceContext
    EntityManager em;

    @EJB
    WalletBalances balances;

    @Inject
    Holds holds;

    @Inject
    Chain chain;

    @Inject
    TokenCalls tokenCalls;

    @Inject
    ChainOutbox outbox;

    @Inject
    Clock clock;

    @Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<io.picktartup.wallet.control.OutflowRule> outflowRules;

    /** Balance on chain and holds of one wallet. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Spending.Funds funds(WalletAddress wallet) {
        return new Spending.Funds(new TokenAmount(balances.pkn(wallet)), holds.held(wallet));
    }

    /** Holds {@code amount} under {@code key}; the caller holds the wallet's row lock. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void holdLocked(WalletAddress wallet, IntentKey key, TokenAmount amount) {
        if (amount.isZero()) {
            return;
        }
        var funds = funds(wallet);
        if (funds.spendable().compareTo(amount) < 0) {
            throw new InsufficientPknException(funds.spendable(), funds.held());
        }
        holds.hold(wallet, key, amount, clock.now());
    }

    /** Where the account stands under every rule on PKN leaving the platform (for the wallet page). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.List<io.picktartup.wallet.control.OutflowRule.Standing> outflowStanding(UUID accountId) {
        var lines = new java.util.ArrayList<io.picktartup.wallet.control.OutflowRule.Standing>();
        for (var rule : outflowRules) {
            lines.addAll(rule.standing(accountId, clock.now()));
        }
        return lines;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <R> R carry(UUID accountId, String token, ECKeyPair key, SignedMovement<R> movement) {
        var wallet = em.find(Wallet.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        var now = clock.now();
        var done = movement.done();
        if (done.isPresent()) {
            return done.get();
        }
        if (!movement.newHold().isZero()) {
            holdLocked(wallet.address(), movement.key(), movement.newHold());
        }
        var outflow = movement.outflow();
        if (outflow.isPresent()) {
            var after = funds(wallet.address()).spendable();
            for (var rule : outflowRules) {
                rule.check(accountId, outflow.get(), movement.newHold(), after, now);
            }
        }
        // the wallet's row lock serialises this wallet's movements: the claim may follow the signing (a cancel's
        // key names the nonce it signed) and still be the only one
        var result = movement.carry(new Signing(wallet.address(), token, key, chain, tokenCalls, outbox, now));
        if (movement.usesNonce() && !holds.claim(wallet.address(), movement.key(), now)) {
            throw new OperationInFlightException();
        }
        return result;
    }
}

package io.picktartup.wallet.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsMined;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.control.Holds;
import io.picktartup.wallet.control.Keystores;
import io.picktartup.wallet.entity.InsufficientPknException;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Wallet;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.Resource;
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
import org.web3j.crypto.ECKeyPair;

import java.math.BigInteger;
import java.util.UUID;

/**
 * The one answer to "how much may this wallet spend?" and the one way PKN leave a wallet.
 *
 * <p><b>Spendable</b> = the token balance on chain − every hold. A hold is taken, under the wallet's row lock, by
 * every movement that will take PKN out (a reserved or pending investment, a cash-out burning, a transfer sending),
 * keyed like the movement's chain intent, and ends when that intent lands or fails ({@link #onSettled}) or the
 * owner gives it up (an expired reservation). Concurrent movements of one wallet serialise on that lock, so
 * together they never hold more than the balance.
 *
 * <p><b>Signed movements</b> ({@link #sign}): the wallet password opens the key once per request, outside any
 * transaction and before any lock (a derivation takes about a second); then one transaction locks the wallet, holds
 * the PKN, claims the wallet's one nonce slot, and lets the owning component sign, queue its intents and write its
 * rows. A wrong password, too little PKN or a chain that cannot be reached changes nothing.
 */
@Stateless
public class Spending {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Holds holds;

    @Inject
    Keystores keystores;

    @Inject
    ChainSettings chainSettings;

    @Inject
    Clock clock;

    @EJB
    Attempts attempts;

    @EJB
    SpendingTransaction transaction;

    @EJB
    WalletBalances balances;

    /** What a wallet holds and may spend now. */
    public record Funds(TokenAmount balance, TokenAmount held) {
        public TokenAmount spendable() {
            return balance.compareTo(held) > 0 ? balance.minus(held) : TokenAmount.ZERO;
        }
    }

    /** The caller's own wallet's balance, holds and spendable PKN. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Funds funds(UUID accountId) {
        var wallet = own(accountId);
        return funds(wallet.address());
    }

    /**
     * Where the caller's own account stands under the rules on PKN leaving the platform: daily limits used, card-bought
     * PKN still held (message keys of the web bundle with their arguments).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.List<io.picktartup.wallet.control.OutflowRule.Standing> outflowStanding(UUID accountId) {
        own(accountId);
        return transaction.outflowStanding(accountId);
    }

    private Funds funds(WalletAddress wallet) {
        return transaction.funds(wallet);
    }

    /**
     * Holds {@code amount} of the wallet of {@code accountId} for a movement accepted in the caller's transaction
     * (e.g. a reserved investment, which its investor signs later); refused with how much is free when it would
     * overspend. A repeated key holds nothing more.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void hold(UUID accountId, IntentKey key, TokenAmount amount) {
        var wallet = em.find(Wallet.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (wallet == null) {
            throw new NotFoundException("Wallet", accountId);
        }
        transaction.holdLocked(wallet.address(), key, amount);
    }

    /** A wallet locked for holds: its address and what it holds already. */
    public record Locked(WalletAddress address, TokenAmount held) {
    }

    /**
     * The PKN balances on chain of many accounts' wallets, for holds taken later under {@link #lockForHolds}: their
     * addresses in one query, their balances in one JSON-RPC batch request, read before any lock (a chain read must not
     * lengthen one; the holds are read under the lock, not here). An account without a wallet is absent. Unavailable
     * when the chain cannot be read.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Map<UUID, BigInteger> balancesForHolds(java.util.Collection<UUID> accountIds) {
        var found = new java.util.HashMap<UUID, BigInteger>();
        if (accountIds.isEmpty()) {
            return found;
        }
        var owners = new java.util.ArrayList<UUID>();
        var addresses = new java.util.ArrayList<WalletAddress>();
        for (Object[] row : em.createQuery("select w.accountId, w.address from Wallet w where w.accountId in :ids",
                        Object[].class).setParameter("ids", accountIds).getResultList()) {
            owners.add((UUID) row[0]);
            addresses.add(new WalletAddress((String) row[1]));
        }
        var read = balances.pknAll(addresses);
        for (int i = 0; i < owners.size(); i++) {
            found.put(owners.get(i), read.get(i));
        }
        return found;
    }

    /**
     * Locks the wallets of {@code accountIds} (in one order, so batches never deadlock each other) and says what each
     * holds against balances read (by {@link #balancesForHolds}) from {@code balancesReadAt} on, for holds decided by
     * the caller in its transaction and taken with {@link #holdAll}: spendable is the balance − held − what the caller
     * holds meanwhile. A wallet that does not exist is absent.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public java.util.Map<UUID, Locked> lockForHolds(java.util.Collection<UUID> accountIds,
                                                    java.time.Instant balancesReadAt) {
        var locked = new java.util.HashMap<UUID, Locked>();
        if (accountIds.isEmpty()) {
            return locked;
        }
        // the rows locked and their addresses only, not the entities (their keystores, a snapshot and a dirty check
        // each): a batch of reservations locks one wallet per investor
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("""
                        select account_id, address from wallet where account_id in (?1) order by account_id
                        for no key update""")
                .setParameter(1, java.util.List.copyOf(accountIds))
                .getResultList();
        var addresses = new java.util.LinkedHashMap<UUID, WalletAddress>();
        for (Object[] row : rows) {
            addresses.put((UUID) row[0], new WalletAddress((String) row[1]));
        }
        var held = holds.heldBy(addresses.values(), balancesReadAt);
        addresses.forEach((accountId, address) ->
                locked.put(accountId, new Locked(address, held.getOrDefault(address, TokenAmount.ZERO))));
        return locked;
    }

    /** Takes the holds decided under {@link #lockForHolds} in one round trip; a repeated key holds nothing more. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void holdAll(java.util.List<Holds.NewHold> newHolds) {
        holds.holdAll(newHolds, clock.now());
    }

    /** Ends the hold (and nonce claim) of a movement given up before it reached the chain; a repeat does nothing. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void release(IntentKey key) {
        holds.release(key);
    }

    /**
     * Movements' transactions entered a block: the chain's balance shows them from now on (or no more, after a
     * reorganisation). One statement per direction for a whole receipt pass.
     */
    public void onMined(@Observes ChainTransactionsMined mined) {
        var now = clock.now();
        for (boolean in : new boolean[] {true, false}) {
            holds.inBlockAll(mined.all().stream().filter(m -> m.mined() == in).map(m -> m.key()).toList(), in, now);
        }
    }

    /**
     * Movements' chain intents reached their end: their PKN left the wallets (or never will); their holds and
     * in-flight claims end with them, for a whole pass in two statements.
     */
    public void onSettled(@Observes ChainTransactionsSettled settled) {
        holds.releaseAll(settled.all().stream().map(ChainTransactionSettled::key).toList());
    }

    /**
     * Runs a movement the caller signs with their wallet password: the key opened once (throttled like every
     * wallet-password check), then one transaction that locks the wallet, holds {@link SignedMovement#newHold()},
     * claims the nonce slot if needed and carries the movement. Call it outside a transaction: the derivation must
     * hold no connection and no lock.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public <R> R sign(UUID accountId, String walletPassword, SignedMovement<R> movement) {
        if (walletPassword == null || walletPassword.isEmpty()) {
            throw new InvalidInputException("walletPassword", FieldRule.REQUIRED);
        }
        var wallet = own(accountId);
        String token = chainSettings.tokenAddress()
                .orElseThrow(() -> new UnavailableException("chain.unavailable", "The token address is not configured."));
        if (!movement.newHold().isZero()) {
            // checked again under the lock; refusing here spares a second of key derivation
            var funds = funds(wallet.address());
            if (funds.spendable().compareTo(movement.newHold()) < 0) {
                throw new InsufficientPknException(funds.spendable(), funds.held());
            }
        }
        ECKeyPair key = unlock(wallet, walletPassword);
        return transaction.carry(accountId, token, key, movement);
    }

    private ECKeyPair unlock(Wallet wallet, String walletPassword) {
        String throttle = MyWallet.throttleKey(wallet.accountId());
        // counted before the check (a burst of guesses checks at most the limit); a wrong one stays counted
        attempts.attempt(throttle, MyWallet.WALLET_PASSWORD);
        var key = keystores.unlock(wallet.keystore(), walletPassword);
        attempts.succeeded(throttle);
        return key;
    }

    private Wallet own(UUID accountId) {
        Caller.requireOwner(context.getCallerPrincipal(), "Wallet", accountId);
        var wallet = em.find(Wallet.class, accountId);
        if (wallet == null) {
            throw new NotFoundException("Wallet", accountId);
        }
        return wallet;
    }
}

package io.picktartup.wallet.boundary;

import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.Relayer;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.control.WalletOperations;
import io.picktartup.wallet.entity.TransferRefusedException;
import io.picktartup.wallet.entity.WalletAddress;
import io.picktartup.wallet.entity.WalletTransfer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sending PKN from the caller's wallet. The owner authorises exactly this amount to the relayer with an EIP-2612
 * permit signed by their key (opened with the wallet password for this request only); the relayer then carries the
 * permit and the {@code transferFrom} through the chain outbox, in that order, and pays the gas. A wrong wallet
 * password, too little PKN, or another transfer still on its way refuses it with nothing signed or sent.
 */
@Stateless
public class WalletTransfers {

    private static final Duration PERMIT_VALIDITY = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @EJB
    MyWallet wallets;

    @EJB
    WalletBalances balances;

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    TypedData typedData;

    @Inject
    TokenCalls tokenCalls;

    @Inject
    ChainOutbox outbox;

    @Inject
    Relayer relayer;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    WalletOperations walletOperations;

    public WalletTransfer send(UUID account, String walletPassword, String to, String pkn) {
        return send(account, walletPassword, to, pkn, null);
    }

    /** As {@link #send(UUID, String, String, String)}; a repeated {@code requestKey} returns the first transfer. */
    public WalletTransfer send(UUID account, String walletPassword, String to, String pkn, String requestKey) {
        if (requestKey != null && !requestKey.isBlank()) {
            var earlier = em.createQuery("""
                            select t from WalletTransfer t where t.accountId = :account and t.requestKey = :key""",
                            WalletTransfer.class)
                    .setParameter("account", account).setParameter("key", requestKey)
                    .getResultStream().findFirst();
            if (earlier.isPresent()) {
                wallets.wallet(account);
                return earlier.get();
            }
        }
        var violations = new ArrayList<InvalidInputException.Violation>();
        WalletAddress recipient = null;
        try {
            recipient = new WalletAddress(to);
        } catch (InvalidInputException e) {
            violations.add(new InvalidInputException.Violation("to", e.getMessage()));
        }
        BigInteger amount = null;
        try {
            amount = new BigDecimal(pkn == null ? "" : pkn.trim()).movePointRight(WalletBalances.DECIMALS).toBigIntegerExact();
            if (amount.signum() <= 0) {
                violations.add(new InvalidInputException.Violation("amount", "must be positive"));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            violations.add(new InvalidInputException.Violation("amount", "must be a number of PKN with at most 18 decimals"));
        }
        if (walletPassword == null || walletPassword.isEmpty()) {
            violations.add(new InvalidInputException.Violation("walletPassword", "must be given"));
        }
        InvalidInputException.refuseIfAny(violations);
        var from = new WalletAddress(wallets.wallet(account).address());
        long pending = em.createQuery("""
                        select count(t) from WalletTransfer t where t.fromAddress = :from and t.status = :pending""", Long.class)
                .setParameter("from", from.value())
                .setParameter("pending", WalletTransfer.Status.PENDING)
                .getSingleResult();
        if (pending > 0) {
            throw new TransferRefusedException("transfer.pending",
                    "Another transfer from this wallet is still on its way; send this one when it is done.");
        }
        BigInteger balance = balances.pkn(from);
        if (amount.compareTo(balance) > 0) {
            throw new TransferRefusedException("transfer.insufficient-balance", "The wallet holds "
                    + new BigDecimal(balance, WalletBalances.DECIMALS).stripTrailingZeros().toPlainString() + " PKN.");
        }
        var transfer = new WalletTransfer(account, from, recipient, amount, clock.now());
        transfer.requestedAs(requestKey);
        // a deposit into a round signed meanwhile would take the same permit nonce: one signed operation at a time
        if (!walletOperations.claim(from.value(), transfer.transferKey(), clock.now())) {
            throw new TransferRefusedException("transfer.pending",
                    "Another signed operation of this wallet is still on its way; send this one when it is done.");
        }
        String token = settings.tokenAddress().orElseThrow(() -> new IllegalStateException("no token address"));
        BigInteger nonce = TokenCalls.uint(chain.read(token, tokenCalls.nonces(from.value())));
        BigInteger deadline = BigInteger.valueOf(clock.now().plus(PERMIT_VALIDITY).getEpochSecond());
        var signature = wallets.signTypedData(account, walletPassword,
                typedData.permit(token, from.value(), relayer.address(), amount, nonce, deadline));
        em.persist(transfer);
        try {
            em.flush(); // a concurrent transfer from this wallet loses here (one pending transfer per wallet)
        } catch (jakarta.persistence.PersistenceException e) {
            throw new TransferRefusedException("transfer.pending",
                    "Another transfer from this wallet is still on its way; send this one when it is done.");
        }
        outbox.enqueue(transfer.permitKey(), "transfer-permit", token, tokenCalls.permit(from.value(),
                relayer.address(), amount, deadline, signature.v(), signature.r(), signature.s()), TokenCalls.TRANSFER_GAS);
        outbox.enqueue(transfer.transferKey(), "transfer", token,
                tokenCalls.transferFrom(from.value(), recipient.value(), amount), TokenCalls.TRANSFER_GAS,
                transfer.permitKey());
        audit.record(account.toString(), "wallet.transfer-requested", "wallet_transfer", transfer.id().toString(), null,
                amount + " to " + recipient.value());
        return transfer;
    }

    /** The transfer's permit or transfer reached its end on chain. */
    public void onSettled(@Observes ChainTransactionSettled settled) {
        boolean transfer = "transfer".equals(settled.kind());
        boolean permit = "transfer-permit".equals(settled.kind());
        if (!transfer && !(permit && !settled.confirmed())) {
            return;
        }
        String id = settled.businessKey().substring(settled.businessKey().indexOf(':') + 1);
        var found = em.find(WalletTransfer.class, UUID.fromString(id), LockModeType.PESSIMISTIC_WRITE);
        if (found == null) {
            return;
        }
        walletOperations.release(found.transferKey());
        if (settled.confirmed()) {
            found.confirmed(settled.txHash().orElse(null), clock.now());
        } else {
            found.failed(settled.failure().orElse("unknown"), clock.now());
        }
        audit.record("system", "wallet.transfer-" + found.status().name().toLowerCase(), "wallet_transfer", id,
                WalletTransfer.Status.PENDING.name(), found.status().name());
    }

    /** The caller's transfers, newest first. */
    public List<WalletTransfer> transfers(UUID account, int max) {
        wallets.wallet(account);
        return em.createQuery("select t from WalletTransfer t where t.accountId = :account order by t.createdAt desc",
                        WalletTransfer.class)
                .setParameter("account", account)
                .setMaxResults(max)
                .getResultList();
    }
}

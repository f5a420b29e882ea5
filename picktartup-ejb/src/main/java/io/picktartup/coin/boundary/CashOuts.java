package io.picktartup.coin.boundary;

import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.coin.control.CoinSettings;
import io.picktartup.coin.control.PayoutProvider;
import io.picktartup.coin.entity.BankAccount;
import io.picktartup.coin.entity.CashOut;
import io.picktartup.coin.entity.Payout;
import io.picktartup.coin.entity.TokenAmount;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.boundary.MyWallet;
import io.picktartup.wallet.boundary.WalletBalances;
import io.picktartup.wallet.entity.TransferRefusedException;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cashing PKN out. The holder signs the token's CashOut message (their key opened with the wallet password for this
 * request only); the relayer carries the burn through the chain outbox under the cash-out's id (the token refuses a
 * repeated one); once the burn is final the payout becomes payable and is paid through the payout provider. Too
 * little PKN or a wrong wallet password: refused, nothing signed, nothing burned.
 */
@Stateless
public class CashOuts {

    private static final Duration SIGNATURE_VALIDITY = Duration.ofHours(1);
    static final BigInteger BURN_GAS = BigInteger.valueOf(120_000);

    @PersistenceContext
    EntityManager em;

    @EJB
    MyWallet wallets;

    @EJB
    WalletBalances balances;

    @Inject
    ChainSettings chain;

    @Inject
    TypedData typedData;

    @Inject
    TokenCalls tokenCalls;

    @Inject
    ChainOutbox outbox;

    @Inject
    CoinSettings settings;

    @Inject
    PayoutProvider provider;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    public CashOut request(UUID account, String walletPassword, String pkn, String bankCode, String accountNumber,
                           String holderName) {
        return request(account, walletPassword, pkn, bankCode, accountNumber, holderName, null);
    }

    /** As above; a repeated {@code requestKey} (a double submit, a retried call) returns the first cash-out. */
    public CashOut request(UUID account, String walletPassword, String pkn, String bankCode, String accountNumber,
                           String holderName, String requestKey) {
        if (requestKey != null && !requestKey.isBlank()) {
            var earlier = em.createQuery("select c from CashOut c where c.accountId = :account and c.requestKey = :key",
                            CashOut.class)
                    .setParameter("account", account).setParameter("key", requestKey)
                    .getResultStream().findFirst();
            if (earlier.isPresent()) {
                wallets.wallet(account);
                return earlier.get();
            }
        }
        var violations = new ArrayList<InvalidInputException.Violation>();
        TokenAmount amount = null;
        try {
            amount = TokenAmount.ofTokens(new BigDecimal(pkn == null ? "" : pkn.trim()));
            if (amount.isZero()) {
                violations.add(new InvalidInputException.Violation("amount", "must be positive"));
            }
        } catch (NumberFormatException | InvalidInputException e) {
            violations.add(new InvalidInputException.Violation("amount", "must be a positive number of PKN with at most 18 decimals"));
        }
        BankAccount bank = null;
        try {
            bank = new BankAccount(bankCode, accountNumber, holderName);
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        if (walletPassword == null || walletPassword.isEmpty()) {
            violations.add(new InvalidInputException.Violation("walletPassword", "must be given"));
        }
        InvalidInputException.refuseIfAny(violations);
        var holder = new WalletAddress(wallets.wallet(account).address());
        BigInteger committed = em.createQuery("""
                        select coalesce(sum(c.amount), 0) from CashOut c
                        where c.walletAddress = :wallet and c.status = :burning""", BigInteger.class)
                .setParameter("wallet", holder.value())
                .setParameter("burning", CashOut.Status.BURNING)
                .getSingleResult();
        BigInteger available = balances.pkn(holder).subtract(committed);
        if (amount.baseUnits().compareTo(available) > 0) {
            throw new TransferRefusedException("cash-out.insufficient-balance", "The wallet has "
                    + new TokenAmount(available.max(BigInteger.ZERO)) + " available to cash out.");
        }
        var cashOut = new CashOut(account, holder.value(), amount, settings.wonPerToken(), bank, clock.now());
        cashOut.requestedAs(requestKey);
        String token = chain.tokenAddress().orElseThrow(() -> new IllegalStateException("no token address"));
        byte[] cashOutId = TokenCalls.businessId(cashOut.id().toString());
        BigInteger deadline = BigInteger.valueOf(clock.now().plus(SIGNATURE_VALIDITY).getEpochSecond());
        var signature = wallets.signTypedData(account, walletPassword,
                typedData.cashOut(token, holder.value(), amount.baseUnits(), cashOutId, deadline));
        em.persist(cashOut);
        em.persist(new Payout(cashOut, bank, clock.now()));
        try {
            em.flush(); // a concurrent request with the same key loses here
        } catch (jakarta.persistence.PersistenceException e) {
            throw new TransferRefusedException("cash-out.duplicate-request", "This cash-out request was already made.");
        }
        outbox.enqueue(cashOut.burnKey(), "cash-out", token, tokenCalls.cashOut(holder.value(), amount.baseUnits(),
                cashOutId, deadline, signature.v(), signature.r(), signature.s()), BURN_GAS);
        audit.record(account.toString(), "coin.cash-out-requested", "cash_out", cashOut.id().toString(), null,
                amount + " for " + cashOut.krwAmount() + " to bank " + bank.bankCode() + " " + bank.masked());
        metrics.counter("coin_cash_outs_requested_total").inc();
        return cashOut;
    }

    /** The burn reached its end on chain: the payout becomes payable, or the cash-out fails with nothing burned. */
    public void onBurnSettled(@Observes ChainTransactionSettled settled) {
        if (!"cash-out".equals(settled.kind())) {
            return;
        }
        UUID id = UUID.fromString(settled.businessKey().substring("cashout:".length()));
        var cashOut = em.find(CashOut.class, id, LockModeType.PESSIMISTIC_WRITE);
        var payout = em.find(Payout.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (cashOut == null || payout == null) {
            return;
        }
        if (settled.confirmed()) {
            cashOut.burned(settled.txHash().orElse(null), clock.now());
            payout.payable();
        } else {
            cashOut.burnFailed(settled.failure().orElse("unknown"), clock.now());
            payout.cancelled();
        }
        audit.record("system", "coin.cash-out-" + (settled.confirmed() ? "burned" : "failed"), "cash_out",
                id.toString(), CashOut.Status.BURNING.name(), cashOut.status().name());
    }

    /** Pays the payable payouts (called on a schedule); the provider is idempotent on the cash-out id. */
    public int payPayable(int max) {
        var payable = em.createQuery("select p from Payout p where p.status = :payable", Payout.class)
                .setParameter("payable", Payout.Status.PAYABLE)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(max)
                .getResultList();
        for (var payout : payable) {
            String reference = provider.pay(payout.cashOutId().toString(), payout.bankAccount(), payout.krwAmount());
            payout.paid(reference, clock.now());
            em.find(CashOut.class, payout.cashOutId()).paid(reference, clock.now());
            audit.record("system", "coin.cash-out-paid", "cash_out", payout.cashOutId().toString(),
                    CashOut.Status.BURNED.name(), CashOut.Status.PAID.name());
            metrics.counter("coin_cash_outs_paid_total").inc();
        }
        return payable.size();
    }

    public List<CashOut> cashOutsOf(UUID account, int max) {
        wallets.wallet(account);
        return em.createQuery("select c from CashOut c where c.accountId = :account order by c.createdAt desc",
                        CashOut.class)
                .setParameter("account", account)
                .setMaxResults(max)
                .getResultList();
    }
}

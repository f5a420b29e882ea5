package io.picktartup.coin.boundary;

import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.coin.control.CoinSettings;
import io.picktartup.coin.control.PayoutProvider;
import io.picktartup.coin.entity.BankAccount;
import io.picktartup.coin.entity.CashOut;
import io.picktartup.coin.entity.Payout;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.boundary.MyWallet;
import io.picktartup.wallet.boundary.SignedMovement;
import io.picktartup.wallet.boundary.Signing;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cashing PKN out. The holder signs the token's CashOut message (their key opened with the wallet password for this
 * request only, through {@link Spending}); the relayer carries the burn through the chain outbox under the cash-out's
 * id (the token refuses a repeated one); once the burn is final the payout becomes payable and is paid through the
 * payout provider. Too little free PKN or a wrong wallet password: refused, nothing signed, nothing burned.
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
    Spending spending;

    @Inject
    TypedData typedData;

    @Inject
    TokenCalls tokenCalls;

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

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CashOut request(UUID account, String walletPassword, String pkn, String bankCode, String accountNumber,
                           String holderName) {
        return request(account, walletPassword, pkn, bankCode, accountNumber, holderName, null);
    }

    /** As above; a repeated {@code requestKey} (a double submit, a retried call) returns the first cash-out. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CashOut request(UUID account, String walletPassword, String pkn, String bankCode, String accountNumber,
                           String holderName, String requestKey) {
        if (requestKey != null && !requestKey.isBlank()) {
            var earlier = earlier(account, requestKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        var violations = new ArrayList<InvalidInputException.Violation>();
        TokenAmount amount = null;
        try {
            amount = TokenAmount.parse("amount", pkn);
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
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
        var cashOut = new CashOut(account, holder.value(), amount, settings.wonPerToken(), bank, clock.now());
        cashOut.requestedAs(requestKey);
        var to = bank;
        return spending.sign(account, walletPassword, new SignedMovement<CashOut>() {
            public Optional<CashOut> done() {
                return requestKey == null || requestKey.isBlank() ? Optional.empty() : earlier(account, requestKey);
            }

            public IntentKey key() {
                return cashOut.burnKey();
            }

            public TokenAmount newHold() {
                return cashOut.amount();
            }

            public boolean usesNonce() {
                return false; // the burn is signed over the cash-out's own id, not a wallet nonce
            }

            public CashOut carry(Signing signing) {
                byte[] cashOutId = TokenCalls.businessId(cashOut.id().toString());
                BigInteger deadline = BigInteger.valueOf(signing.now().plus(SIGNATURE_VALIDITY).getEpochSecond());
                BigInteger units = cashOut.amount().baseUnits();
                var signature = signing.sign(typedData.cashOut(signing.token(), holder.value(), units, cashOutId,
                        deadline));
                em.persist(cashOut);
                em.persist(new Payout(cashOut, to, signing.now()));
                signing.enqueue(cashOut.burnKey(), signing.token(), tokenCalls.cashOut(holder.value(), units,
                        cashOutId, deadline, signature.v(), signature.r(), signature.s()), BURN_GAS);
                audit.record(account.toString(), "coin.cash-out-requested", "cash_out", cashOut.id().toString(), null,
                        cashOut.amount() + " for " + cashOut.krwAmount() + " to bank " + to.bankCode() + " "
                                + to.masked());
                metrics.counter("coin_cash_outs_requested_total").inc();
                return cashOut;
            }
        });
    }

    private Optional<CashOut> earlier(UUID account, String requestKey) {
        var earlier = em.createQuery("select c from CashOut c where c.accountId = :account and c.requestKey = :key",
                        CashOut.class)
                .setParameter("account", account).setParameter("key", requestKey)
                .getResultStream().findFirst();
        earlier.ifPresent(c -> wallets.wallet(account)); // the owner only
        return earlier;
    }

    /** The burn reached its end on chain: the payout becomes payable, or the cash-out fails with nothing burned. */
    public void onBurnSettled(@Observes ChainTransactionSettled settled) {
        if (!settled.is(IntentKind.CASH_OUT)) {
            return;
        }
        UUID id = settled.key().id();
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

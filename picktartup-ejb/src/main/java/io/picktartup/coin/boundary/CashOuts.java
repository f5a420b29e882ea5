package io.picktartup.coin.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.coin.control.CoinSettings;
import io.picktartup.account.boundary.AccountRegistry;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.coin.control.PayoutProvider;
import io.picktartup.coin.control.PayoutProviderUnavailableException;
import io.picktartup.coin.control.PayoutSettings;
import io.picktartup.coin.control.OpenBankingPayoutProvider;
import io.picktartup.coin.entity.HolderMismatchException;
import io.picktartup.coin.entity.HolderName;
import io.picktartup.coin.entity.PayoutReturnedMail;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.wallet.control.OutflowRule;
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
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Cashing PKN out. The bank first confirms who holds the payout account, which must be the account's verified name;
 * then the holder signs the token's CashOut message (their key opened with the wallet password for this request
 * only, through {@link Spending}, which also applies the rules on PKN leaving the platform: card-bought PKN on hold,
 * daily limits); the relayer carries the burn through the chain outbox under the cash-out's id (the token refuses a
 * repeated one); once the burn is final the payout becomes payable and is paid through the payout provider under its
 * request id, retried with a doubling wait, and when it fails for good the PKN are minted back to the holder (once,
 * under the cash-out's {@code payout-return} intent) and the holder is mailed. Too little free PKN, a wrong wallet
 * password, another holder: refused, nothing signed, nothing burned.
 */
@Stateless
public class CashOuts {

    private static final Logger LOG = Logger.getLogger(CashOuts.class.getName());
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
    PayoutSettings payoutSettings;

    @EJB
    AccountRegistry accounts;

    @Inject
    ChainOutbox outbox;

    @Inject
    io.picktartup.chain.control.ChainSettings chainSettings;

    @Inject
    MailOutbox mail;

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
            violations.add(InvalidInputException.Violation.of("walletPassword", FieldRule.REQUIRED));
        }
        InvalidInputException.refuseIfAny(violations);
        var holder = new WalletAddress(wallets.wallet(account).address());
        var cashOut = new CashOut(account, holder.value(), amount, settings.wonPerToken(), bank, clock.now());
        cashOut.requestedAs(requestKey);
        var to = bank;
        String verifiedName = verifiedName(account);
        // the bank's answer, before anything is signed: a payout account held by someone else is refused here
        var bankHolder = provider.holderName(bank, cashOut.krwAmount(), verifiedName);
        if (bankHolder.isEmpty() || !HolderName.same(bankHolder.get(), verifiedName)) {
            metrics.counter("coin_cash_outs_holder_refused_total").inc();
            audit.record(account.toString(), "coin.cash-out-holder-refused", "account", account.toString(), null,
                    "bank " + bank.bankCode() + " " + bank.masked()
                            + (bankHolder.isEmpty() ? ": cannot receive" : ": another holder"));
            throw new HolderMismatchException(bankHolder.isPresent());
        }
        String requestId = OpenBankingPayoutProvider.newRequestId(payoutSettings.institutionCode());
        String confirmedHolder = bankHolder.get();
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

            public Optional<OutflowRule.Outflow> outflow() {
                return Optional.of(OutflowRule.Outflow.CASH_OUT);
            }

            public CashOut carry(Signing signing) {
                byte[] cashOutId = TokenCalls.businessId(cashOut.id().toString());
                BigInteger deadline = BigInteger.valueOf(signing.now().plus(SIGNATURE_VALIDITY).getEpochSecond());
                BigInteger units = cashOut.amount().baseUnits();
                var signature = signing.sign(typedData.cashOut(signing.token(), holder.value(), units, cashOutId,
                        deadline));
                em.persist(cashOut);
                em.persist(new Payout(cashOut, to, requestId, confirmedHolder, signing.now()));
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

    /** A chain pass's ends, told together: each of this component's kinds handled in turn. */
    public void onBurnSettled(@Observes ChainTransactionsSettled pass) {
        pass.all().forEach(this::burnSettled);
    }

    /** The burn reached its end on chain: the payout becomes payable, or the cash-out fails with nothing burned. */
    private void burnSettled(ChainTransactionSettled settled) {
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
            payout.payable(clock.now());
        } else {
            cashOut.burnFailed(settled.failure().orElse("unknown"), clock.now());
            payout.cancelled();
        }
        audit.record("system", "coin.cash-out-" + (settled.confirmed() ? "burned" : "failed"), "cash_out",
                id.toString(), CashOut.Status.BURNING.name(), cashOut.status().name());
    }

    /** The payouts whose next attempt is due, oldest first (called on a schedule, then {@link #pay} for each). */
    public List<UUID> duePayouts(int max) {
        return em.createQuery("""
                        select p.cashOutId from Payout p where p.status = :payable and p.nextAttemptAt <= :now
                        order by p.nextAttemptAt""", UUID.class)
                .setParameter("payable", Payout.Status.PAYABLE)
                .setParameter("now", clock.now())
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * One attempt to pay one payout, in its own transaction under the payout's row lock: paid; or refused for good by
     * the bank, and returned; or nothing learned (provider unreachable, 5xx, timed out), and tried again later under
     * the same request id, so an attempt whose answer was lost is never paid twice; after the last attempt, returned.
     */
    public void pay(UUID cashOutId) {
        var now = clock.now();
        var payout = em.find(Payout.class, cashOutId, LockModeType.PESSIMISTIC_WRITE);
        if (payout == null || !payout.isDue(now)) {
            return; // another instance or an earlier run got there first
        }
        var cashOut = em.find(CashOut.class, cashOutId, LockModeType.PESSIMISTIC_WRITE);
        String requester = verifiedName(cashOut.accountId());
        PayoutProvider.Transfer result;
        try {
            result = provider.transfer(payout.requestId(), payout.bankAccount(), payout.krwAmount(), requester);
        } catch (PayoutProviderUnavailableException e) {
            boolean givenUp = payout.attemptFailed(e.getMessage(), now, payoutSettings.maxAttempts(),
                    payoutSettings.retryBase());
            metrics.counter("coin_payout_attempts_failed_total").inc();
            LOG.warning(() -> "Payout " + payout.requestId() + " attempt " + payout.attempts() + " failed: "
                    + e.getMessage());
            audit.record("system", "coin.payout-attempt-failed", "cash_out", cashOutId.toString(), null,
                    "attempt " + payout.attempts() + " of " + payoutSettings.maxAttempts() + ": " + e.getMessage());
            if (givenUp) {
                startReturn(cashOut, "payout failed " + payout.attempts() + " times: " + e.getMessage(), now);
            }
            return;
        }
        if (result.done()) {
            payout.paid(result.reference(), now);
            cashOut.paid(result.reference(), now);
            audit.record("system", "coin.cash-out-paid", "cash_out", cashOutId.toString(),
                    CashOut.Status.BURNED.name(), CashOut.Status.PAID.name());
            metrics.counter("coin_cash_outs_paid_total").inc();
        } else {
            payout.refused(result.code() + " " + result.message(), now);
            metrics.counter("coin_payouts_refused_total").inc();
            startReturn(cashOut, "refused by the bank: " + result.code() + " " + result.message(), now);
        }
    }

    /** The payout failed for good: the burned PKN are minted back to the holder, once, through the chain outbox. */
    private void startReturn(CashOut cashOut, String reason, java.time.Instant now) {
        cashOut.returning(reason, now);
        String token = chainToken();
        outbox.enqueue(cashOut.returnKey(), token, tokenCalls.mint(cashOut.walletAddress(),
                cashOut.amount().baseUnits(), cashOut.returnKey().value()), TokenCalls.MINT_GAS);
        audit.record("system", "coin.payout-returning", "cash_out", cashOut.id().toString(),
                CashOut.Status.BURNED.name(), CashOut.Status.RETURNING.name());
        metrics.counter("coin_payouts_returned_total").inc();
    }

    /** A chain pass's ends, told together: each of this component's kinds handled in turn. */
    public void onReturnSettled(@Observes ChainTransactionsSettled pass) {
        pass.all().forEach(this::returnSettled);
    }

    /** The mint that gives a failed payout's PKN back reached its end: the holder is told once it is final. */
    private void returnSettled(ChainTransactionSettled settled) {
        if (!settled.is(IntentKind.PAYOUT_RETURN)) {
            return;
        }
        UUID id = settled.key().id();
        var cashOut = em.find(CashOut.class, id, LockModeType.PESSIMISTIC_WRITE);
        var payout = em.find(Payout.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (cashOut == null || payout == null) {
            return;
        }
        if (!settled.confirmed()) {
            // the PKN are owed to the holder and not back: an operator must look (the cash-out stays RETURNING)
            LOG.severe(() -> "The return of cash-out " + id + " failed on chain: " + settled.failure().orElse("?"));
            metrics.counter("coin_payout_returns_failed_total").inc();
            return;
        }
        var now = clock.now();
        cashOut.returned(now);
        payout.returned(now);
        audit.record("system", "coin.cash-out-returned", "cash_out", id.toString(), CashOut.Status.RETURNING.name(),
                CashOut.Status.RETURNED.name());
        var addressee = accounts.addressees(Set.of(cashOut.accountId())).get(cashOut.accountId());
        if (addressee != null) {
            var notice = PayoutReturnedMail.to(addressee.name(), cashOut);
            mail.queue("payout-returned:" + id, addressee.email(), notice.subject(), notice.body());
        }
    }

    /** Payouts for admins, newest first, optionally of one status. */
    @jakarta.annotation.security.RolesAllowed("ADMIN")
    public List<Payout> payouts(Optional<Payout.Status> status, int max) {
        var query = status.isPresent()
                ? em.createQuery("select p from Payout p where p.status = :status order by p.createdAt desc",
                        Payout.class).setParameter("status", status.get())
                : em.createQuery("select p from Payout p order by p.createdAt desc", Payout.class);
        return query.setMaxResults(max).getResultList();
    }

    /**
     * The name the account's holder is known by, which the bank's holder of a payout account must match. Today the
     * name given at signup (no identity verification is wired yet: a real deployment checks it once against the
     * payment gateway's identity verification and keeps the verified name; see docs/payments.md).
     */
    private String verifiedName(UUID account) {
        var addressee = accounts.addressees(Set.of(account)).get(account);
        if (addressee == null) {
            throw new io.picktartup.platform.entity.NotFoundException("Account", account);
        }
        return addressee.name();
    }

    private String chainToken() {
        return chainSettings.tokenAddress().orElseThrow(() ->
                new io.picktartup.platform.entity.UnavailableException("chain.unavailable",
                        "The token address is not configured."));
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

package io.picktartup.wallet.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.WalletAddress;
import io.picktartup.wallet.entity.WalletTransfer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sending PKN from the caller's wallet. The owner authorises exactly this amount to the relayer with an EIP-2612
 * permit signed by their key (opened with the wallet password for this request only); the relayer carries it through
 * the chain outbox in one {@code transferWithPermit} call (permit and transfer together, so nobody can wedge the
 * permit in between) and pays the gas. Spending rules
 * (what is free, one signed operation in flight) are {@link Spending}'s.
 */
@Stateless
public class WalletTransfers {

    private static final Duration PERMIT_VALIDITY = Duration.ofHours(1);

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
    ChainKeys keys;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WalletTransfer send(UUID account, String walletPassword, String to, String pkn) {
        return send(account, walletPassword, to, pkn, null);
    }

    /** As {@link #send(UUID, String, String, String)}; a repeated {@code requestKey} returns the first transfer. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WalletTransfer send(UUID account, String walletPassword, String to, String pkn, String requestKey) {
        if (requestKey != null && !requestKey.isBlank()) {
            var earlier = earlier(account, requestKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        var violations = new ArrayList<InvalidInputException.Violation>();
        WalletAddress recipient = null;
        try {
            recipient = new WalletAddress(to);
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> violations.add(v.at("to")));
        }
        TokenAmount amount = null;
        try {
            amount = TokenAmount.parse("amount", pkn);
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        if (walletPassword == null || walletPassword.isEmpty()) {
            violations.add(InvalidInputException.Violation.of("walletPassword", FieldRule.REQUIRED));
        }
        InvalidInputException.refuseIfAny(violations);
        var from = new WalletAddress(wallets.wallet(account).address());
        var transfer = new WalletTransfer(account, from, recipient, amount.baseUnits(), clock.now());
        transfer.requestedAs(requestKey);
        var value = amount;
        var sent = recipient;
        return spending.sign(account, walletPassword, new SignedMovement<WalletTransfer>() {
            public IntentKey key() {
                return transfer.transferKey();
            }

            public TokenAmount newHold() {
                return value;
            }

            public boolean usesNonce() {
                return true;
            }

            public Optional<io.picktartup.wallet.control.OutflowRule.Outflow> outflow() {
                return Optional.of(io.picktartup.wallet.control.OutflowRule.Outflow.TRANSFER);
            }

            public Optional<WalletTransfer> done() {
                return requestKey == null || requestKey.isBlank() ? Optional.empty() : earlier(account, requestKey);
            }

            public WalletTransfer carry(Signing signing) {
                BigInteger deadline = BigInteger.valueOf(signing.now().plus(PERMIT_VALIDITY).getEpochSecond());
                var signature = signing.sign(typedData.permit(signing.token(), from.value(), keys.relayerAddress(),
                        value.baseUnits(), signing.permitNonce(), deadline));
                em.persist(transfer);
                // permit and transfer in one call: a permit lifted from the pending transaction cannot stop it
                signing.enqueue(transfer.transferKey(), signing.token(), tokenCalls.transferWithPermit(from.value(),
                        sent.value(), value.baseUnits(), deadline, signature.v(), signature.r(), signature.s()),
                        TokenCalls.TRANSFER_GAS);
                audit.record(account.toString(), "wallet.transfer-requested", "wallet_transfer",
                        transfer.id().toString(), null, value + " to " + sent.value());
                return transfer;
            }
        });
    }

    private Optional<WalletTransfer> earlier(UUID account, String requestKey) {
        var earlier = em.createQuery("""
                        select t from WalletTransfer t where t.accountId = :account and t.requestKey = :key""",
                        WalletTransfer.class)
                .setParameter("account", account).setParameter("key", requestKey)
                .getResultStream().findFirst();
        earlier.ifPresent(t -> wallets.wallet(account)); // the owner only
        return earlier;
    }

    /** A chain pass's ends, told together: each of this component's kinds handled in turn. */
    public void onSettled(@Observes ChainTransactionsSettled pass) {
        pass.all().forEach(this::settled);
    }

    /**
     * The transfer reached its end on chain. (Transfers queued before transferWithPermit came as a permit intent and a
     * transferFrom intent after it: a failed permit of those fails the transfer.)
     */
    private void settled(ChainTransactionSettled settled) {
        boolean transfer = settled.is(IntentKind.TRANSFER);
        boolean permit = settled.is(IntentKind.TRANSFER_PERMIT);
        if (!transfer && !(permit && !settled.confirmed())) {
            return;
        }
        var found = em.find(WalletTransfer.class, settled.key().id(), LockModeType.PESSIMISTIC_WRITE);
        if (found == null) {
            return;
        }
        if (settled.confirmed()) {
            found.confirmed(settled.txHash().orElse(null), clock.now());
        } else {
            found.failed(settled.failure().orElse("unknown"), clock.now());
        }
        audit.record("system", "wallet.transfer-" + found.status().name().toLowerCase(), "wallet_transfer",
                found.id().toString(), WalletTransfer.Status.PENDING.name(), found.status().name());
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

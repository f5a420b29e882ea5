package io.picktartup.round.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.ShareCalls;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.PasswordPolicy;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.entity.ShareFreeze;
import io.picktartup.round.entity.ShareIssue;
import io.picktartup.round.entity.ShareRecovery;
import io.picktartup.round.entity.ShareRecoveryRefusedException;
import io.picktartup.wallet.boundary.WalletStore;
import io.picktartup.wallet.control.Keystores;
import io.picktartup.wallet.entity.Wallet;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.Resource;
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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A lost wallet's shares, recovered through the platform, and wallets frozen on the share tokens.
 * <p>
 * Recovery: the investor who lost their wallet's key (or its password) asks for it; the platform creates a new wallet
 * for the account (a new key, encrypted with a new wallet password, as at signup) and records, per share token the
 * lost wallet holds shares of, a recovery ASKED. The investor's identity is then verified again (KYC on the new
 * wallet: the same identity key goes on chain beside it). An admin requests the recovery (the first agent key signs
 * {@code requestRecovery}); a different admin approves it (the second agent key signs {@code approveRecovery}), and
 * the token moves the whole holding. Four eyes twice: two people here, two keys on chain.
 * <p>
 * Freezing: an admin freezes or unfreezes a wallet with a reason, on every share token; a frozen wallet's transfers
 * are refused before any key is opened.
 */
@Stateless
public class ShareRecoveries {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Keystores keystores;

    @EJB
    WalletStore walletStore;

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    ChainOutbox outbox;

    @Inject
    ShareCalls shareCalls;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** What the lost wallet holds of one token, read before the new wallet is made. */
    public record LostHolding(UUID roundId, String token, long shares) {
    }

    /**
     * The caller lost their wallet: makes the account a new wallet encrypted with {@code newWalletPassword} and asks
     * for the recovery of every share holding of the lost one. Refused (nothing changed) when the lost wallet holds no
     * shares or a recovery is open already. The new wallet's key is derived outside any transaction.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ShareRecovery> ask(String newWalletPassword) {
        UUID caller = caller();
        PasswordPolicy.violation("newWalletPassword", newWalletPassword).ifPresent(v -> {
            throw new InvalidInputException(v);
        });
        var wallet = em.find(Wallet.class, caller);
        if (wallet == null) {
            throw new NotFoundException("Wallet", caller);
        }
        refuseIfOpen(caller);
        var holdings = holdingsOf(wallet.address().value());
        if (holdings.isEmpty()) {
            throw new ShareRecoveryRefusedException("shares.nothing-to-recover", 409,
                    "Your wallet holds no shares to recover.", Map.of("field", "wallet"));
        }
        var created = keystores.create(newWalletPassword);
        return context.getBusinessObject(ShareRecoveries.class).record(caller, wallet.version(), created, holdings);
    }

    /** The transactional half of {@link #ask}: the new wallet and the recoveries, together or not at all. */
    public List<ShareRecovery> record(UUID caller, long walletVersion, Keystores.Created created,
                                      List<LostHolding> holdings) {
        if (!caller.equals(caller())) {
            throw new NotFoundException("Account", caller);
        }
        refuseIfOpen(caller);
        var lost = walletStore.replaceLost(caller, walletVersion, created);
        var now = clock.now();
        var recoveries = new ArrayList<ShareRecovery>();
        for (var holding : holdings) {
            var recovery = new ShareRecovery(holding.roundId(), caller, holding.token(), lost.value(),
                    created.address().value(), holding.shares(), now);
            em.persist(recovery);
            audit.record(caller.toString(), "shares.recovery-asked", "share_recovery", recovery.id().toString(), null,
                    holding.shares() + " shares of round " + holding.roundId() + " from lost " + lost.value() + " to "
                            + created.address().value());
            recoveries.add(recovery);
        }
        return recoveries;
    }

    /** The caller's recoveries, newest first. */
    public List<ShareRecovery> mine() {
        return em.createQuery("select r from ShareRecovery r where r.accountId = :account order by r.createdAt desc",
                        ShareRecovery.class)
                .setParameter("account", caller()).setMaxResults(100).getResultList();
    }

    @RolesAllowed("ADMIN")
    public List<ShareRecovery> list(Optional<ShareRecovery.Status> status, int max) {
        var query = status.isPresent()
                ? em.createQuery("select r from ShareRecovery r where r.status = :status order by r.createdAt desc",
                        ShareRecovery.class).setParameter("status", status.get())
                : em.createQuery("select r from ShareRecovery r order by r.createdAt desc", ShareRecovery.class);
        return query.setMaxResults(Math.max(1, Math.min(max, 500))).getResultList();
    }

    /**
     * The first approval: once the new wallet's identity is verified on chain (eligible, with the lost wallet's
     * identity key), queues {@code requestRecovery} from the first agent key.
     */
    @RolesAllowed("ADMIN")
    public ShareRecovery request(UUID id) {
        var recovery = find(id);
        String registry = registry();
        BigInteger identity = uint(registry, shareCalls.identityOf(recovery.lostAddress()));
        if (uint(registry, shareCalls.levelOf(recovery.newAddress())).signum() == 0 || identity.signum() == 0
                || !identity.equals(uint(registry, shareCalls.identityOf(recovery.newAddress())))) {
            throw new ShareRecoveryRefusedException("shares.recovery-identity-unverified", 409,
                    "The new wallet's identity is not verified on chain yet: approve the investor's KYC review first.",
                    Map.of("field", "newAddress", "newAddress", recovery.newAddress()));
        }
        long held = uint(recovery.tokenAddress(), shareCalls.balanceOf(recovery.lostAddress())).longValueExact();
        if (held == 0) {
            throw new ShareRecoveryRefusedException("shares.nothing-to-recover", 409,
                    "The lost wallet holds no shares of this round any more.", Map.of("field", "id"));
        }
        String admin = actor();
        var key = recovery.request(admin, clock.now());
        recovery.holding(held);
        outbox.enqueue(key, recovery.tokenAddress(),
                shareCalls.requestRecovery(recovery.lostAddress(), recovery.newAddress()), ShareCalls.AGENT_GAS);
        audit.record(admin, "shares.recovery-requested", "share_recovery", id.toString(), "ASKED",
                "REQUESTING " + held + " shares from " + recovery.lostAddress() + " to " + recovery.newAddress());
        return recovery;
    }

    /** The second approval, by another admin than the requester: queues {@code approveRecovery} from the second key. */
    @RolesAllowed("ADMIN")
    public ShareRecovery approve(UUID id) {
        var recovery = find(id);
        String admin = actor();
        var key = recovery.approve(admin, clock.now());
        outbox.enqueue(key, recovery.tokenAddress(),
                shareCalls.approveRecovery(recovery.lostAddress(), recovery.newAddress()), ShareCalls.RECOVERY_GAS);
        audit.record(admin, "shares.recovery-approved", "share_recovery", id.toString(), "REQUESTED",
                "APPROVING (requested by " + recovery.requestedBy().orElse("?") + ")");
        return recovery;
    }

    @RolesAllowed("ADMIN")
    public ShareRecovery cancel(UUID id) {
        var recovery = find(id);
        String admin = actor();
        String before = recovery.status().name();
        recovery.cancel(admin, clock.now()).ifPresent(key -> outbox.enqueue(key, recovery.tokenAddress(),
                shareCalls.cancelRecovery(recovery.lostAddress()), ShareCalls.AGENT_GAS));
        audit.record(admin, "shares.recovery-cancelled", "share_recovery", id.toString(), before, "CANCELLED");
        return recovery;
    }

    /** Freezes ({@code frozen}) or unfreezes a wallet on every share token, with the reason; audited. */
    @RolesAllowed("ADMIN")
    public ShareFreeze freeze(String address, Boolean frozen, String reason) {
        var problems = new ArrayList<InvalidInputException.Violation>();
        WalletAddress wallet = null;
        try {
            wallet = new WalletAddress(address == null ? null : address.trim());
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> problems.add(v.at("address")));
        }
        if (frozen == null) {
            problems.add(InvalidInputException.Violation.of("frozen", FieldRule.BOOLEAN));
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            problems.add(InvalidInputException.Violation.of("reason", FieldRule.REQUIRED_AT_MOST, 500));
        }
        InvalidInputException.refuseIfAny(problems);
        String admin = actor();
        var now = clock.now();
        var freeze = em.find(ShareFreeze.class, wallet.value(), LockModeType.PESSIMISTIC_WRITE);
        String before = freeze == null ? "NOT_FROZEN" : freeze.frozen() ? "FROZEN" : "NOT_FROZEN";
        if (freeze == null) {
            freeze = new ShareFreeze(wallet.value(), frozen, reason, admin, now);
            em.persist(freeze);
        } else {
            freeze.change(frozen, reason, admin, now);
        }
        for (var issue : em.createQuery("select s from ShareIssue s where s.tokenAddress is not null", ShareIssue.class)
                .getResultList()) {
            outbox.enqueue(freeze.intent(issue.roundId()), issue.tokenAddress().orElseThrow(),
                    shareCalls.setFrozen(wallet.value(), frozen), ShareCalls.AGENT_GAS);
        }
        audit.record(admin, frozen ? "shares.frozen" : "shares.unfrozen", "share_freeze", wallet.value(), before,
                (frozen ? "FROZEN: " : "NOT_FROZEN: ") + freeze.reason());
        return freeze;
    }

    @RolesAllowed("ADMIN")
    public List<ShareFreeze> freezes() {
        return em.createQuery("select f from ShareFreeze f order by f.changedAt desc", ShareFreeze.class)
                .setMaxResults(500).getResultList();
    }

    /** Whether the platform froze this wallet (checked before a transfer is signed). */
    public boolean frozen(String address) {
        var freeze = em.find(ShareFreeze.class, address);
        return freeze != null && freeze.frozen();
    }

    /** A chain pass's ends, told together: each of this component's kinds handled in turn. */
    public void onSettled(@Observes ChainTransactionsSettled pass) {
        pass.all().forEach(this::settled);
    }

    private void settled(ChainTransactionSettled settled) {
        if (!settled.is(IntentKind.RECOVERY_REQUEST) && !settled.is(IntentKind.RECOVERY_APPROVE)) {
            return;
        }
        String reference = settled.key().reference();
        var id = UUID.fromString(reference.substring(0, reference.indexOf(':')));
        var recovery = em.find(ShareRecovery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (recovery != null) {
            var before = recovery.status();
            recovery.settled(settled.key().kind(), settled.confirmed(), settled.txHash().orElse(null),
                    settled.failure().orElse(null), clock.now());
            if (recovery.status() != before) {
                audit.record("system", "shares.recovery-" + recovery.status().name().toLowerCase(java.util.Locale.ROOT),
                        "share_recovery", id.toString(), before.name(), recovery.status().name()
                                + settled.failure().map(f -> ": " + f).orElse(""));
            }
        }
    }

    private List<LostHolding> holdingsOf(String address) {
        var holdings = new ArrayList<LostHolding>();
        for (var issue : em.createQuery("select s from ShareIssue s where s.status = :issued", ShareIssue.class)
                .setParameter("issued", ShareIssue.Status.ISSUED).getResultList()) {
            String token = issue.tokenAddress().orElseThrow();
            long shares = uint(token, shareCalls.balanceOf(address)).longValueExact();
            if (shares > 0) {
                holdings.add(new LostHolding(issue.roundId(), token, shares));
            }
        }
        return holdings;
    }

    private void refuseIfOpen(UUID account) {
        boolean open = em.createQuery("""
                        select count(r) from ShareRecovery r where r.accountId = :account
                        and r.status not in :closed""", Long.class)
                .setParameter("account", account)
                .setParameter("closed", List.of(ShareRecovery.Status.RECOVERED, ShareRecovery.Status.CANCELLED))
                .getSingleResult() > 0;
        if (open) {
            throw new ShareRecoveryRefusedException("shares.recovery-open", 409,
                    "A recovery of your shares is under way already.", Map.of("field", "wallet"));
        }
    }

    private ShareRecovery find(UUID id) {
        var recovery = em.find(ShareRecovery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (recovery == null) {
            throw new NotFoundException("Share recovery", id);
        }
        return recovery;
    }

    private String registry() {
        return settings.eligibilityRegistryAddress().orElseThrow(
                () -> new UnavailableException("chain.unavailable", "No eligibility registry is configured."));
    }

    private BigInteger uint(String contract, String call) {
        try {
            return ShareCalls.uint(chain.read(contract, call));
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; try again shortly.");
        }
    }

    private String actor() {
        return Caller.actor(context.getCallerPrincipal());
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
    }
}

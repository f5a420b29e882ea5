package io.picktartup.round.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.ShareCalls;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.ShareIssue;
import io.picktartup.round.entity.ShareTransfer;
import io.picktartup.round.entity.ShareTransferRefusedException;
import io.picktartup.wallet.boundary.SignedMovement;
import io.picktartup.wallet.boundary.Signing;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Wallet;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Investors' shares as tokens: what each holds (read from the round's share token), the lock-up's end, a transfer to
 * an eligible wallet after the lock-up (signed with the holder's wallet key, carried by the relayer, so the holder
 * pays no gas), and the public check that the shares issued equal the confirmed investments. A transfer the token
 * would refuse is refused here first, with the reason, before anything is signed or queued.
 */
@Stateless
public class Shares {

    /** One round's shares of the caller. */
    public record Holding(UUID roundId, String roundName, String tokenAddress, long confirmedShares, long balance,
                          Instant lockupEnd, boolean lockedUp, ShareIssue.Status issueStatus) {
    }

    /** What anyone can check: the shares the token issued against the round's confirmed investments. */
    public record Audit(UUID roundId, String tokenAddress, ShareIssue.Status status, long confirmedShares,
                        long issuedShares, Instant lockupEnd) {
        public boolean matches() {
            return status == ShareIssue.Status.ISSUED && confirmedShares == issuedShares;
        }
    }

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    Spending spending;

    @EJB
    ShareRecoveries recoveries;

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    ShareCalls shareCalls;

    @Inject
    TypedData typedData;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * The caller's shares, one entry per released round they invested in, received shares of (a confirmed transfer to
     * one of their wallets) or had a recovery of; the balance is the token's at the account's current wallet.
     */
    public List<Holding> mine() {
        UUID caller = caller();
        var wallet = em.find(Wallet.class, caller);
        var bought = em.createQuery("""
                        select i.roundId, sum(i.shares) from Investment i
                        where i.accountId = :account and i.status = :confirmed group by i.roundId""", Object[].class)
                .setParameter("account", caller)
                .setParameter("confirmed", Investment.Status.CONFIRMED)
                .getResultList();
        // shares received (transfers to this account's wallets) or recovered count too, with none bought
        var rounds = new java.util.LinkedHashMap<UUID, Number>();
        bought.forEach(row -> rounds.put((UUID) row[0], (Number) row[1]));
        if (wallet != null) {
            var wallets = new java.util.ArrayList<>(em.createQuery(
                            "select r.lostAddress from ShareRecovery r where r.accountId = :account", String.class)
                    .setParameter("account", caller).getResultList());
            wallets.add(wallet.address().value());
            em.createQuery("""
                            select distinct t.roundId from ShareTransfer t where t.toAddress in :wallets
                            and t.status = :confirmed""", UUID.class)
                    .setParameter("wallets", wallets).setParameter("confirmed", ShareTransfer.Status.CONFIRMED)
                    .getResultList().forEach(round -> rounds.putIfAbsent(round, 0L));
            em.createQuery("select distinct r.roundId from ShareRecovery r where r.accountId = :account", UUID.class)
                    .setParameter("account", caller).getResultList().forEach(round -> rounds.putIfAbsent(round, 0L));
        }
        var rows = rounds.entrySet().stream()
                .map(row -> new Object[] {em.find(FundingRound.class, row.getKey()), row.getValue()})
                .filter(row -> ((FundingRound) row[0]).status() == FundingRound.Status.RELEASED)
                .sorted(java.util.Comparator.comparing((Object[] row) -> ((FundingRound) row[0]).deadline()).reversed())
                .toList();
        var now = clock.now();
        return rows.stream().map(row -> {
            var round = (FundingRound) row[0];
            long confirmed = ((Number) row[1]).longValue();
            var issue = em.find(ShareIssue.class, round.id());
            if (issue == null || issue.tokenAddress().isEmpty()) {
                return new Holding(round.id(), round.name(), null, confirmed, 0, null, true,
                        issue == null ? ShareIssue.Status.CREATING : issue.status());
            }
            long balance = wallet == null ? 0 : uint(issue.tokenAddress().get(),
                    shareCalls.balanceOf(wallet.address().value())).longValueExact();
            return new Holding(round.id(), round.name(), issue.tokenAddress().get(), confirmed, balance,
                    issue.lockupEnd().orElseThrow(), issue.lockedUpAt(now), issue.status());
        }).toList();
    }

    /** The shares of a round as anyone can check them (404 for a round that is not released). */
    @PermitAll
    public Audit audit(UUID roundId) {
        var round = em.find(FundingRound.class, roundId);
        if (round == null || round.status() != FundingRound.Status.RELEASED) {
            throw new NotFoundException("Round", roundId);
        }
        Number confirmed = em.createQuery("""
                        select coalesce(sum(i.shares), 0) from Investment i
                        where i.roundId = :round and i.status = :confirmed""", Number.class)
                .setParameter("round", roundId).setParameter("confirmed", Investment.Status.CONFIRMED)
                .getSingleResult();
        var issue = em.find(ShareIssue.class, roundId);
        if (issue == null || issue.tokenAddress().isEmpty()) {
            return new Audit(roundId, null, ShareIssue.Status.CREATING, confirmed.longValue(), 0, null);
        }
        long issued = uint(issue.tokenAddress().get(), shareCalls.totalSupply()).longValueExact();
        return new Audit(roundId, issue.tokenAddress().get(), issue.status(), confirmed.longValue(), issued,
                issue.lockupEnd().orElse(null));
    }

    /**
     * Moves {@code shares} of the caller's shares of {@code roundId} to {@code to}, signed with the wallet password.
     * Refused (nothing signed, nothing queued) while locked up, to a wallet without KYC, from a frozen wallet, or
     * beyond what the caller holds less what is on its way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ShareTransfer transfer(UUID roundId, String to, long shares, String walletPassword) {
        return transfer(roundId, to, shares, walletPassword, null);
    }

    /** As {@link #transfer(UUID, String, long, String)}; a repeated {@code requestKey} returns the first transfer. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ShareTransfer transfer(UUID roundId, String to, long shares, String walletPassword, String requestKey) {
        UUID caller = caller();
        if (requestKey != null && !requestKey.isBlank()) {
            if (requestKey.length() > 100) {
                throw new InvalidInputException("Idempotency-Key", FieldRule.MAX_LENGTH, 100);
            }
            var earlier = earlier(caller, requestKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        if (to == null || to.isBlank()) {
            throw new InvalidInputException("to", FieldRule.REQUIRED);
        }
        WalletAddress recipient;
        try {
            recipient = new WalletAddress(to.trim());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.violations().get(0).at("to"));
        }
        if (shares <= 0) {
            throw new InvalidInputException("shares", FieldRule.WHOLE_SHARES);
        }
        var issue = em.find(ShareIssue.class, roundId);
        if (issue == null || issue.tokenAddress().isEmpty()) {
            throw new ShareTransferRefusedException("shares.not-issued", 409,
                    "The round's shares are not issued yet.", Map.of("field", "roundId"));
        }
        String token = issue.tokenAddress().get();
        var now = clock.now();
        if (issue.lockedUpAt(now)) {
            throw new ShareTransferRefusedException("shares.locked-up", 409,
                    "The shares are locked up until " + issue.lockupEnd().orElseThrow() + ".",
                    Map.of("field", "roundId", "lockupEnd", issue.lockupEnd().orElseThrow().toString()));
        }
        var wallet = em.find(Wallet.class, caller);
        if (wallet == null) {
            throw new NotFoundException("Wallet", caller);
        }
        String from = wallet.address().value();
        refuseIfTheTokenWould(token, from, recipient.value(), shares, caller, roundId);
        var transfer = new ShareTransfer(roundId, caller, from, recipient.value(), shares, 0, now);
        transfer.requestedAs(requestKey);
        return spending.sign(caller, walletPassword, new SignedMovement<ShareTransfer>() {
            public IntentKey key() {
                return transfer.intent();
            }

            public TokenAmount newHold() {
                return TokenAmount.ZERO; // no PKN leave the wallet
            }

            public boolean usesNonce() {
                return false; // the share token's own nonce, not the PKN permit's
            }

            public java.util.Optional<ShareTransfer> done() {
                return requestKey == null || requestKey.isBlank() ? java.util.Optional.empty()
                        : earlier(caller, requestKey);
            }

            public ShareTransfer carry(Signing signing) {
                // checked again inside the transaction, against what is on its way now
                refuseIfTheTokenWould(token, from, recipient.value(), shares, caller, roundId);
                BigInteger nonce = TokenCalls.uint(signing.read(token, shareCalls.nonces(from)))
                        .add(BigInteger.valueOf(pending(from, roundId).count()));
                BigInteger deadline = BigInteger.valueOf(signing.now().plusSeconds(3600).getEpochSecond());
                var sig = signing.sign(typedData.shareTransfer(token, from, recipient.value(), BigInteger.valueOf(shares),
                        nonce, deadline));
                var row = transfer.signed(nonce.longValueExact());
                em.persist(row);
                signing.enqueue(row.intent(), token, shareCalls.transferBySig(from, recipient.value(),
                        BigInteger.valueOf(shares), nonce, deadline, sig.v(), sig.r(), sig.s()), ShareCalls.TRANSFER_GAS);
                audit.record(caller.toString(), "shares.transfer", "share_transfer", row.id().toString(), null,
                        shares + " shares of round " + roundId + " to " + recipient.value());
                return row;
            }
        });
    }

    /** The caller's share transfers, newest first. */
    public List<ShareTransfer> myTransfers(int max) {
        return em.createQuery("select t from ShareTransfer t where t.accountId = :account order by t.createdAt desc",
                        ShareTransfer.class)
                .setParameter("account", caller())
                .setMaxResults(Math.max(1, Math.min(max, 200)))
                .getResultList();
    }

    /** A chain pass's ends, told together: each of this component's kinds handled in turn. */
    public void onSettled(@Observes ChainTransactionsSettled pass) {
        pass.all().forEach(this::settled);
    }

    private void settled(ChainTransactionSettled settled) {
        if (!settled.is(IntentKind.SHARE_TRANSFER)) {
            return;
        }
        var transfer = em.find(ShareTransfer.class, settled.key().id(), LockModeType.PESSIMISTIC_WRITE);
        if (transfer != null) {
            transfer.settled(settled.confirmed(), settled.txHash().orElse(null), settled.failure().orElse(null),
                    clock.now());
        }
    }

    private java.util.Optional<ShareTransfer> earlier(UUID account, String requestKey) {
        return em.createQuery("select t from ShareTransfer t where t.accountId = :account and t.requestKey = :key",
                        ShareTransfer.class)
                .setParameter("account", account).setParameter("key", requestKey)
                .getResultStream().findFirst();
    }

    private void refuseIfTheTokenWould(String token, String from, String to, long shares, UUID caller, UUID roundId) {
        // the platform's own record first: a freeze counts from the admin's decision, before the tokens have it
        if (recoveries.frozen(from)) {
            throw new ShareTransferRefusedException("shares.frozen", 409,
                    "Your wallet is frozen: its shares cannot move until an admin unfreezes it.",
                    Map.of("field", "from"));
        }
        if (recoveries.frozen(to)) {
            throw new ShareTransferRefusedException("shares.frozen", 409,
                    "The recipient's wallet is frozen: it cannot receive shares.", Map.of("field", "to"));
        }
        String registry = settings.eligibilityRegistryAddress().orElseThrow(
                () -> new UnavailableException("chain.unavailable", "No eligibility registry is configured."));
        if (uint(registry, shareCalls.levelOf(from)).signum() == 0) {
            throw new ShareTransferRefusedException("shares.sender-not-eligible", 409,
                    "Your wallet has no verified identity (KYC) yet.", Map.of("field", "from"));
        }
        if (uint(registry, shareCalls.levelOf(to)).signum() == 0) {
            throw new ShareTransferRefusedException("shares.recipient-not-eligible", 422,
                    "The recipient's wallet has no verified identity (KYC): shares can only go to verified holders.",
                    Map.of("field", "to"));
        }
        if (TokenCalls.uint(read(token, shareCalls.isFrozen(from))).signum() != 0
                || TokenCalls.uint(read(token, shareCalls.isFrozen(to))).signum() != 0) {
            throw new ShareTransferRefusedException("shares.frozen", 409, "A wallet of this transfer is frozen.",
                    Map.of("field", "to"));
        }
        long balance = uint(token, shareCalls.balanceOf(from)).longValueExact();
        long onItsWay = pending(from, roundId).mapToLong(ShareTransfer::shares).sum();
        if (shares > balance - onItsWay) {
            throw new ShareTransferRefusedException("shares.insufficient", 409,
                    "You hold " + (balance - onItsWay) + " transferable shares of this round.",
                    Map.of("field", "shares", "available", balance - onItsWay));
        }
    }

    private java.util.stream.Stream<ShareTransfer> pending(String from, UUID roundId) {
        return em.createQuery("""
                        select t from ShareTransfer t where t.fromAddress = :from and t.roundId = :round
                        and t.status = :pending""", ShareTransfer.class)
                .setParameter("from", from).setParameter("round", roundId)
                .setParameter("pending", ShareTransfer.Status.PENDING)
                .getResultStream();
    }

    private BigInteger uint(String contract, String call) {
        return TokenCalls.uint(read(contract, call));
    }

    private String read(String contract, String call) {
        try {
            return chain.read(contract, call);
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; try again shortly.");
        }
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
    }
}

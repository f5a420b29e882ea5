package io.picktartup.round.boundary;

import io.picktartup.chain.boundary.ChainEvents;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainLedger;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.RoundCalls;
import io.picktartup.chain.control.ShareCalls;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.ChainTransactionStatus;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.ShareIssue;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Gives the investors of each released round their shares as tokens, one small idempotent step per call, each its
 * own transaction: creates the round's share token through the factory (which checks on chain that the escrow is
 * Released), then queues {@code issueNext} chunks until the token's issue cursor reaches the escrow's investor count.
 * The token computes each investor's shares from their position in the escrow, so the platform sends no amounts and
 * a repeated chunk issues nothing twice. Kept apart from {@link Settlement}: the release itself is unchanged.
 */
@Stateless
public class ShareIssuance {

    private static final Logger LOG = Logger.getLogger(ShareIssuance.class.getName());

    /** Where a round's issue stands after a step. */
    public enum Progress { WAITING, ADVANCED, ISSUED }

    @PersistenceContext
    EntityManager em;

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    ShareCalls shareCalls;

    @Inject
    RoundCalls roundCalls;

    @Inject
    ChainOutbox outbox;

    @jakarta.ejb.EJB
    ChainEvents events;

    @Inject
    ChainLedger ledger;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Released rounds whose shares are not issued yet (none while no share factory is configured). */
    public List<UUID> due(int max) {
        if (settings.shareFactoryAddress().isEmpty()) {
            return List.of();
        }
        return em.createQuery("""
                        select r.id from FundingRound r where r.status = :released
                        and not exists (select s from ShareIssue s where s.roundId = r.id and s.status = :issued)
                        order by r.deadline""", UUID.class)
                .setParameter("released", FundingRound.Status.RELEASED)
                .setParameter("issued", ShareIssue.Status.ISSUED)
                .setMaxResults(max)
                .getResultList();
    }

    public Progress advance(UUID roundId) {
        var round = em.find(FundingRound.class, roundId, LockModeType.PESSIMISTIC_WRITE);
        if (round == null || round.status() != FundingRound.Status.RELEASED) {
            return Progress.WAITING;
        }
        String factory = settings.shareFactoryAddress().orElseThrow(
                () -> new UnavailableException("chain.unavailable", "No share-token factory is configured."));
        String escrow = round.contractAddress().orElseThrow();
        var issue = em.find(ShareIssue.class, roundId);
        if (issue == null) {
            em.persist(new ShareIssue(roundId, clock.now()));
            outbox.enqueue(createKey(roundId), factory,
                    shareCalls.createShareToken(escrow, round.pricePerShare().baseUnits()), ShareCalls.CREATE_GAS);
            audit.record("system", "shares.creating", "funding_round", roundId.toString(), "RELEASED",
                    "share token queued at " + round.pricePerShare() + " per share");
            return Progress.ADVANCED;
        }
        switch (issue.status()) {
            case CREATING -> {
                var created = ledger.intent(createKey(roundId));
                if (created.isEmpty() || !created.get().finished()) {
                    return Progress.WAITING;
                }
                // confirmed, or refused as ShareTokenExists: the factory's record decides
                String token = RoundCalls.address(read(factory, shareCalls.shareTokenOf(escrow)));
                if (new BigInteger(token.substring(2), 16).signum() == 0) {
                    LOG.warning(() -> "Round " + roundId + " has no share token: "
                            + created.get().failure().orElse("no failure recorded"));
                    return Progress.WAITING;
                }
                long lockupEnd = TokenCalls.uint(read(token, shareCalls.lockupEnd())).longValueExact();
                issue.created(Keys.toChecksumAddress(token), Instant.ofEpochSecond(lockupEnd));
                // its events (issue, transfers, freezes, recoveries) indexed from the block that created it
                events.watchContract(token, ChainEvents.SHARE_TOKEN,
                        created.get().block().orElseGet(chain::latestBlock));
                queueChunks(issue, token, roundId, escrow, null);
                audit.record("system", "shares.created", "funding_round", roundId.toString(), "CREATING",
                        "ISSUING from " + issue.tokenAddress().orElseThrow() + ", locked up until " + issue.lockupEnd()
                                .orElseThrow());
                return Progress.ADVANCED;
            }
            case ISSUING -> {
                IntentKey last = issueKey(roundId, issue.issueChunks() - 1);
                var lastChunk = ledger.intent(last);
                if (lastChunk.isEmpty() || !lastChunk.get().finished()) {
                    return Progress.WAITING;
                }
                String token = issue.tokenAddress().orElseThrow();
                BigInteger cursor = TokenCalls.uint(read(token, shareCalls.issueCursor()));
                BigInteger investors = TokenCalls.uint(read(escrow, roundCalls.investorCount()));
                if (cursor.compareTo(investors) >= 0) {
                    issue.issued(clock.now());
                    BigInteger supply = TokenCalls.uint(read(token, shareCalls.totalSupply()));
                    audit.record("system", "shares.issued", "funding_round", roundId.toString(), "ISSUING",
                            "ISSUED " + supply + " shares to " + investors + " investors");
                    return Progress.ISSUED;
                }
                if (lastChunk.get().status() == ChainTransactionStatus.FAILED && issue.issueChunks() > 20) {
                    LOG.severe(() -> "Share issue of round " + roundId + " keeps failing: "
                            + lastChunk.get().failure().orElse("no failure recorded"));
                    return Progress.WAITING;
                }
                queueChunks(issue, token, roundId, escrow,
                        lastChunk.get().status() == ChainTransactionStatus.CONFIRMED ? last : null);
                return Progress.ADVANCED;
            }
            default -> {
                return Progress.ISSUED;
            }
        }
    }

    /** Queues the chunks the remaining investors need, each after the one before. */
    private void queueChunks(ShareIssue issue, String token, UUID roundId, String escrow, IntentKey after) {
        BigInteger cursor = TokenCalls.uint(read(token, shareCalls.issueCursor()));
        BigInteger investors = TokenCalls.uint(read(escrow, roundCalls.investorCount()));
        long remaining = investors.subtract(cursor).max(BigInteger.ZERO).longValue();
        long chunks = Math.max(1, (remaining + ShareCalls.ISSUE_CHUNK - 1) / ShareCalls.ISSUE_CHUNK);
        for (long n = 0; n < chunks; n++) {
            IntentKey key = issueKey(roundId, issue.nextChunk());
            outbox.enqueue(key, token, shareCalls.issueNext(ShareCalls.ISSUE_CHUNK),
                    ShareCalls.issueGas(ShareCalls.ISSUE_CHUNK), after);
            after = key;
        }
    }

    /** The round's share issue, if its token was created. */
    public Optional<ShareIssue> of(UUID roundId) {
        return Optional.ofNullable(em.find(ShareIssue.class, roundId));
    }

    private String read(String contract, String call) {
        try {
            return chain.read(contract, call);
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; shares are issued when it can.");
        }
    }

    static IntentKey createKey(UUID roundId) {
        return IntentKey.of(IntentKind.SHARE_CREATE, roundId);
    }

    static IntentKey issueKey(UUID roundId, int chunk) {
        return IntentKey.of(IntentKind.SHARE_ISSUE, roundId, chunk);
    }
}

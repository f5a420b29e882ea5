package io.picktartup.round.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A startup's funding round and its escrow contract. DRAFT → OPENING (the escrow is being created on chain) → OPEN
 * (takes investments until the deadline) → CLOSED → SUCCEEDED → RELEASED, or CLOSED → FAILED → REFUNDING →
 * REFUNDED. Amounts are PKN base units as the escrow counts them; price per share and valuation are in won, at the
 * rate fixed when the round was drafted. Invariant: 0 ≤ raised ≤ committed ≤ hard cap, where committed counts
 * every investment that holds room (reserved, on its way, confirmed, being cancelled).
 */
@Entity
@Table(name = "funding_round")
public class FundingRound {

    /** The escrow refuses cancellations in the last 48 hours before the deadline. */
    public static final Duration CANCEL_WINDOW = Duration.ofHours(48);
    /** Time for the escrow's creation to be mined: a deadline must lie beyond now + cancel window + this. */
    public static final Duration OPENING_MARGIN = Duration.ofMinutes(2);
    public static final int NAME_MAX = 120;
    public static final int TERMS_MAX = 20_000;

    /**
     * Where a round stands, as stored. Whether it takes investments also depends on the time: see {@link #isOpenAt}.
     * The sets below are the one definition of each group; queries bind them as parameters (JPQL) or render them
     * with {@link io.picktartup.platform.entity.SqlLiterals} (native SQL).
     */
    public enum Status {
        DRAFT, OPENING, OPEN, CLOSED, SUCCEEDED, RELEASED, FAILED, REFUNDING, REFUNDED;

        /** Anyone may see the round (a draft only its CEO and admins). */
        public static final Set<Status> PUBLIC = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(DRAFT)));
        /** Its escrow exists: the round is or was open, and belongs to the startup's funding history. */
        public static final Set<Status> OPENED = Collections.unmodifiableSet(
                EnumSet.of(OPEN, CLOSED, SUCCEEDED, RELEASED, FAILED, REFUNDING, REFUNDED));
        /** Its price per share values the company: open, or closed without having failed. */
        public static final Set<Status> PRICED = Collections.unmodifiableSet(EnumSet.of(OPEN, CLOSED, SUCCEEDED, RELEASED));
        /** What it raised counts as the startup's funding in the SSI (docs/ssi-model.md). */
        public static final Set<Status> COUNTS_AS_FUNDING = Collections.unmodifiableSet(
                EnumSet.of(OPEN, SUCCEEDED, RELEASED));
        /** Once its deadline has passed, the settlement has work to do. */
        public static final Set<Status> UNSETTLED = Collections.unmodifiableSet(
                EnumSet.of(OPEN, CLOSED, SUCCEEDED, FAILED, REFUNDING));
        /** Settled: the funds reached the startup, or every investor has theirs back. */
        public static final Set<Status> SETTLED = Collections.unmodifiableSet(EnumSet.of(RELEASED, REFUNDED));
    }

    /**
     * "Open at :now" in JPQL, over a {@code FundingRound} aliased {@code r}: the same rule as {@link #isOpenAt}.
     * Bind its parameters with {@link #bindOpenAt}.
     */
    public static final String OPEN_AT = "(r.status = :openStatus and r.deadline > :now)";

    /** Binds {@link #OPEN_AT}'s parameters. */
    public static <Q extends jakarta.persistence.Query> Q bindOpenAt(Q query, Instant now) {
        query.setParameter("openStatus", Status.OPEN).setParameter("now", now);
        return query;
    }

    @Id
    private UUID id;

    @Column(name = "startup_id", nullable = false, updatable = false)
    private UUID startupId;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, updatable = false)
    private BigInteger goal;

    @Column(name = "hard_cap", nullable = false, updatable = false)
    private BigInteger hardCap;

    @Column(name = "min_investment", nullable = false, updatable = false)
    private BigInteger minInvestment;

    @Column(name = "price_per_share_krw", nullable = false, updatable = false)
    private long pricePerShareKrw;

    @Column(name = "pre_money_valuation_krw", nullable = false, updatable = false)
    private long preMoneyValuationKrw;

    @Column(name = "won_per_token", nullable = false, updatable = false)
    private long wonPerToken;

    @Column(nullable = false, updatable = false)
    private Instant deadline;

    @Column(nullable = false, updatable = false)
    private String terms;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "chain_round_id", nullable = false, updatable = false, length = 66)
    private String chainRoundId;

    @Column(name = "contract_address", length = 42)
    private String contractAddress;

    @Column(name = "open_tx_hash", length = 66)
    private String openTxHash;

    @Column(length = 500)
    private String failure;

    /** Maintained by atomic conditional updates only (see the round boundary), never through this entity. */
    @Column(nullable = false, insertable = false, updatable = false)
    private BigInteger committed;

    @Column(nullable = false, insertable = false, updatable = false)
    private BigInteger raised;

    @Column(name = "refund_chunks", nullable = false)
    private int refundChunks;

    @Column(name = "settle_tx_hash", length = 66)
    private String settleTxHash;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "opened_at")
    private Instant openedAt;

    @Version
    private long version;

    protected FundingRound() {
    }

    /** A round as it is drafted; {@link #problems} names every invalid field. */
    public record Draft(String name, TokenAmount goal, TokenAmount hardCap, TokenAmount minInvestment,
                        Long pricePerShareKrw, Long preMoneyValuationKrw, Instant deadline, String terms) {

        public List<InvalidInputException.Violation> problems(Instant now, long wonPerToken) {
            var problems = new ArrayList<InvalidInputException.Violation>();
            if (name == null || name.isBlank()) {
                problems.add(InvalidInputException.Violation.of("name", FieldRule.REQUIRED));
            } else if (name.strip().length() > NAME_MAX) {
                problems.add(InvalidInputException.Violation.of("name", FieldRule.MAX_LENGTH, NAME_MAX));
            }
            positive(problems, "goal", goal);
            positive(problems, "hardCap", hardCap);
            positive(problems, "minInvestment", minInvestment);
            if (goal != null && hardCap != null && goal.compareTo(hardCap) > 0) {
                problems.add(InvalidInputException.Violation.of("hardCap", FieldRule.AT_LEAST_GOAL));
            }
            if (minInvestment != null && hardCap != null && minInvestment.compareTo(hardCap) > 0) {
                problems.add(InvalidInputException.Violation.of("minInvestment", FieldRule.NOT_ABOVE_HARD_CAP));
            }
            if (pricePerShareKrw == null || pricePerShareKrw <= 0) {
                problems.add(InvalidInputException.Violation.of("pricePerShareKrw", FieldRule.POSITIVE_WON));
            } else if (pricePerShareKrw % wonPerToken != 0 && wonPerToken % pricePerShareKrw != 0) {
                problems.add(InvalidInputException.Violation.of("pricePerShareKrw", FieldRule.PRICE_FITS_RATE, wonPerToken));
            }
            if (preMoneyValuationKrw == null || preMoneyValuationKrw <= 0) {
                problems.add(InvalidInputException.Violation.of("preMoneyValuationKrw", FieldRule.POSITIVE_WON));
            }
            if (deadline == null) {
                problems.add(InvalidInputException.Violation.of("deadline", FieldRule.INSTANT));
            } else if (!deadline.isAfter(now.plus(CANCEL_WINDOW).plus(OPENING_MARGIN))) {
                problems.add(InvalidInputException.Violation.of("deadline", FieldRule.DEADLINE_AHEAD));
            }
            if (terms == null || terms.isBlank()) {
                problems.add(InvalidInputException.Violation.of("terms", FieldRule.REQUIRED));
            } else if (terms.length() > TERMS_MAX) {
                problems.add(InvalidInputException.Violation.of("terms", FieldRule.MAX_LENGTH, TERMS_MAX));
            }
            return problems;
        }

        private static void positive(List<InvalidInputException.Violation> problems, String field, TokenAmount amount) {
            if (amount == null || amount.isZero()) {
                problems.add(InvalidInputException.Violation.of(field, FieldRule.POSITIVE_PKN));
            }
        }
    }

    public FundingRound(UUID id, UUID startupId, Draft draft, long wonPerToken, String chainRoundId, UUID createdBy,
                        Instant now) {
        this.id = Objects.requireNonNull(id);
        this.startupId = Objects.requireNonNull(startupId);
        this.name = draft.name().strip();
        this.goal = draft.goal().baseUnits();
        this.hardCap = draft.hardCap().baseUnits();
        this.minInvestment = draft.minInvestment().baseUnits();
        this.pricePerShareKrw = draft.pricePerShareKrw();
        this.preMoneyValuationKrw = draft.preMoneyValuationKrw();
        this.wonPerToken = wonPerToken;
        this.deadline = draft.deadline().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // as the escrow counts
        this.terms = draft.terms().strip();
        this.status = Status.DRAFT;
        this.chainRoundId = Objects.requireNonNull(chainRoundId);
        this.committed = BigInteger.ZERO;
        this.raised = BigInteger.ZERO;
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = now;
    }

    /** DRAFT → OPENING: the escrow at {@code predictedAddress} is being created on chain. */
    public void opening(String predictedAddress, Instant now) {
        if (status != Status.DRAFT) {
            throw new RoundRefusedException("round.not-draft", "Only a draft round can be opened; this one is " + status + ".");
        }
        if (!deadline.isAfter(now.plus(CANCEL_WINDOW).plus(OPENING_MARGIN))) {
            throw new RoundRefusedException("round.deadline-too-close",
                    "The deadline is less than 48 hours away; draft the round again with a later deadline.");
        }
        this.status = Status.OPENING;
        this.contractAddress = Objects.requireNonNull(predictedAddress);
        this.failure = null;
    }

    /** OPENING → OPEN: the escrow exists. */
    public void opened(String txHash, Instant now) {
        if (status == Status.OPENING) {
            this.status = Status.OPEN;
            this.openTxHash = txHash;
            this.openedAt = now;
        }
    }

    /** OPENING → DRAFT: the chain refused the escrow; the reason is kept. */
    public void openFailed(String reason) {
        if (status == Status.OPENING) {
            this.status = Status.DRAFT;
            this.contractAddress = null;
            this.failure = reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), 500));
        }
    }

    // ------------------------------------------------------------------ settlement

    /** OPEN → CLOSED once the deadline has passed: no more deposits; the escrow is finalised next. */
    public boolean close(Instant now) {
        if (status != Status.OPEN || now.isBefore(deadline)) {
            return false;
        }
        this.status = Status.CLOSED;
        return true;
    }

    /** CLOSED → SUCCEEDED or FAILED, as the escrow decided when it was finalised (goal reached or not). */
    public void finalised(boolean succeeded) {
        if (status == Status.CLOSED) {
            this.status = succeeded ? Status.SUCCEEDED : Status.FAILED;
        }
    }

    /** FAILED → REFUNDING: refunds go out in chunks; returns the number of the next chunk. */
    public int nextRefundChunk() {
        if (status != Status.FAILED && status != Status.REFUNDING) {
            throw new IllegalStateException("round " + id + " is " + status + ", not refunding");
        }
        this.status = Status.REFUNDING;
        return refundChunks++;
    }

    public int refundChunks() {
        return refundChunks;
    }

    /** SUCCEEDED → RELEASED: the funds reached the startup's wallet. */
    public boolean released(String txHash, Instant now) {
        if (status != Status.SUCCEEDED) {
            return false;
        }
        this.status = Status.RELEASED;
        this.settleTxHash = txHash;
        this.settledAt = now;
        return true;
    }

    /** REFUNDING (or FAILED with nobody to refund) → REFUNDED: every investor has their tokens back. */
    public boolean refunded(String lastTxHash, Instant now) {
        if (status != Status.REFUNDING && status != Status.FAILED) {
            return false;
        }
        this.status = Status.REFUNDED;
        this.settleTxHash = lastTxHash;
        this.settledAt = now;
        return true;
    }

    public boolean isSettled() {
        return Status.SETTLED.contains(status);
    }

    public Optional<String> settleTxHash() {
        return Optional.ofNullable(settleTxHash);
    }

    public Optional<Instant> settledAt() {
        return Optional.ofNullable(settledAt);
    }

    /**
     * Takes investments at {@code now}: OPEN and before its deadline. The one rule for "open" everywhere: in JPQL it
     * is {@link #OPEN_AT}; other components read it from the read model {@code round_summary} (its column
     * {@code open_until}, see migration V25), compared with their business time.
     */
    public boolean isOpenAt(Instant now) {
        return status == Status.OPEN && now.isBefore(deadline);
    }

    /** The status as of {@code now}: an OPEN round past its deadline is CLOSED even before settlement records it. */
    public Status statusAt(Instant now) {
        return status == Status.OPEN && !isOpenAt(now) ? Status.CLOSED : status;
    }

    /**
     * The rules an investment must meet before it may take room: the round is open and before its deadline, the
     * amount reaches the minimum and buys whole shares. The hard cap is checked atomically when room is taken.
     */
    public Quote quote(TokenAmount amount, Instant now) {
        if (statusAt(now) == Status.CLOSED) {
            throw new RoundRefusedException("round.closed", "The round closed at its deadline.");
        }
        if (statusAt(now) != Status.OPEN) {
            throw new RoundRefusedException("round.not-open", "The round is not open for investment.");
        }
        if (amount.baseUnits().compareTo(minInvestment) < 0) {
            throw new RoundRefusedException("round.below-minimum", "The minimum investment is "
                    + new TokenAmount(minInvestment) + ".", Map.of("minInvestment", new TokenAmount(minInvestment).tokens().toPlainString()));
        }
        BigInteger krwTimesUnit = amount.baseUnits().multiply(BigInteger.valueOf(wonPerToken));
        BigInteger[] krw = krwTimesUnit.divideAndRemainder(BigInteger.TEN.pow(TokenAmount.DECIMALS));
        BigInteger[] shares = krw[0].divideAndRemainder(BigInteger.valueOf(pricePerShareKrw));
        if (krw[1].signum() != 0 || shares[1].signum() != 0) {
            throw new InvalidInputException("amount", FieldRule.WHOLE_SHARES_PRICE, pricePerShare(), pricePerShareKrw);
        }
        return new Quote(amount, krw[0].longValueExact(), shares[0].longValueExact());
    }

    /** What an amount buys in this round. */
    public record Quote(TokenAmount amount, long amountKrw, long shares) {
    }

    /** The price of one share in PKN. */
    public TokenAmount pricePerShare() {
        return new TokenAmount(BigInteger.valueOf(pricePerShareKrw).multiply(BigInteger.TEN.pow(TokenAmount.DECIMALS))
                .divide(BigInteger.valueOf(wonPerToken)));
    }

    /** The room left under the hard cap as of the last read. */
    public TokenAmount room() {
        return new TokenAmount(hardCap.subtract(committed).max(BigInteger.ZERO));
    }

    /** Refuses a cancel from 48 hours before the deadline on (the escrow refuses it too). */
    public void requireCancellable(Instant now) {
        if (!now.isBefore(cancelCutoff())) {
            throw new RoundRefusedException("round.cancel-period-over", "Investments can be cancelled until 48 hours "
                    + "before the deadline; that was " + cancelCutoff() + ".", Map.of("cancelCutoff", cancelCutoff().toString()));
        }
    }

    public Instant cancelCutoff() {
        return deadline.minus(CANCEL_WINDOW);
    }

    /** Percent of the goal raised (confirmed deposits), rounded down; may exceed 100 up to the hard cap. */
    public int percentOfGoal() {
        return raised.multiply(BigInteger.valueOf(100)).divide(goal).intValueExact();
    }

    public UUID id() {
        return id;
    }

    public UUID startupId() {
        return startupId;
    }

    public String name() {
        return name;
    }

    public TokenAmount goal() {
        return new TokenAmount(goal);
    }

    public TokenAmount hardCap() {
        return new TokenAmount(hardCap);
    }

    public TokenAmount minInvestment() {
        return new TokenAmount(minInvestment);
    }

    public long pricePerShareKrw() {
        return pricePerShareKrw;
    }

    public long preMoneyValuationKrw() {
        return preMoneyValuationKrw;
    }

    public long wonPerToken() {
        return wonPerToken;
    }

    public Instant deadline() {
        return deadline;
    }

    public String terms() {
        return terms;
    }

    public Status status() {
        return status;
    }

    public String chainRoundId() {
        return chainRoundId;
    }

    public Optional<String> contractAddress() {
        return Optional.ofNullable(contractAddress);
    }

    public Optional<String> openTxHash() {
        return Optional.ofNullable(openTxHash);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public TokenAmount committed() {
        return new TokenAmount(committed);
    }

    public TokenAmount raised() {
        return new TokenAmount(raised);
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> openedAt() {
        return Optional.ofNullable(openedAt);
    }
}

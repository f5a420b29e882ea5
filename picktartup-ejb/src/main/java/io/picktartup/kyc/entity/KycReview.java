package io.picktartup.kyc.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One KYC review of an account's identity: the provider's applicant and its answer (GREEN, RED or PENDING), then an
 * admin's decision. Lifecycle: SUBMITTED → APPROVED (with a level, written on chain for the account's wallet under
 * {@code eligibility:<id>}) or REJECTED (with a reason). Only a GREEN answer can be approved. No personal data is
 * kept: the name, birth date and document went to the provider only.
 */
@Entity
@Table(name = "kyc_review")
public class KycReview {

    public enum Status { SUBMITTED, APPROVED, REJECTED }

    public enum Answer { GREEN, RED, PENDING }

    /** The highest level an admin may grant: 1 identity verified, 2 qualified investor. */
    public static final int MAX_LEVEL = 2;

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "wallet_address", nullable = false, updatable = false, length = 42)
    private String walletAddress;

    @Column(nullable = false, updatable = false, length = 40)
    private String provider;

    @Column(name = "applicant_id", nullable = false, updatable = false, length = 100)
    private String applicantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "provider_answer", nullable = false, length = 20)
    private Answer providerAnswer;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(nullable = false)
    private int level;

    @Column(length = 500)
    private String reason;

    @Column(name = "decided_by", length = 100)
    private String decidedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected KycReview() {
    }

    public KycReview(UUID accountId, String walletAddress, String provider, String applicantId, Answer answer,
                     Instant now) {
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.walletAddress = walletAddress;
        this.provider = provider;
        this.applicantId = applicantId;
        this.providerAnswer = answer;
        this.status = Status.SUBMITTED;
        this.createdAt = now;
    }

    /** SUBMITTED → APPROVED at {@code level}; refused unless the provider answered GREEN. */
    public void approve(int level, String admin, Instant now) {
        requireSubmitted();
        if (level < 1 || level > MAX_LEVEL) {
            throw new io.picktartup.platform.entity.InvalidInputException("level", io.picktartup.platform.entity.FieldRule.CHOICE, "1 or 2");
        }
        if (providerAnswer != Answer.GREEN) {
            throw new KycRefusedException("kyc.provider-not-green",
                    "The provider's answer is " + providerAnswer + ": only a GREEN check can be approved.");
        }
        this.level = level;
        this.status = Status.APPROVED;
        this.decidedBy = admin;
        this.decidedAt = now;
    }

    public void reject(String reason, String admin, Instant now) {
        requireSubmitted();
        if (reason == null || reason.isBlank()) {
            throw new io.picktartup.platform.entity.InvalidInputException("reason", io.picktartup.platform.entity.FieldRule.REQUIRED);
        }
        this.reason = reason.strip().substring(0, Math.min(500, reason.strip().length()));
        this.status = Status.REJECTED;
        this.decidedBy = admin;
        this.decidedAt = now;
    }

    private void requireSubmitted() {
        if (status != Status.SUBMITTED) {
            throw new KycRefusedException("kyc.decided", "This review was decided already (" + status + ").");
        }
    }

    public IntentKey eligibilityIntent() {
        return IntentKey.of(IntentKind.ELIGIBILITY, id);
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public String walletAddress() {
        return walletAddress;
    }

    public String provider() {
        return provider;
    }

    public String applicantId() {
        return applicantId;
    }

    public Answer providerAnswer() {
        return providerAnswer;
    }

    public Status status() {
        return status;
    }

    public int level() {
        return level;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Optional<String> decidedBy() {
        return Optional.ofNullable(decidedBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> decidedAt() {
        return Optional.ofNullable(decidedAt);
    }
}

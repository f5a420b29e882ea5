package io.picktartup.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A plain-text mail in the outbox. Lifecycle: QUEUED (written with the business change that causes it; due at
 * {@code nextAttemptAt}) → SENT once the SMTP server accepted it, or back to QUEUED later after a failed attempt,
 * until the retry policy gives up: FAILED. Invariants: one mail per business key; a SENT or FAILED mail never
 * changes again; a claimed mail is leased (its next attempt pushed out) so that no other sender takes it while it is
 * being sent.
 */
@Entity
@Table(name = "mail_message")
public class MailMessage {

    public enum Status { QUEUED, SENT, FAILED }

    static final int MAX_ERROR = 500;

    @Id
    private UUID id;

    @Column(name = "business_key", nullable = false, updatable = false, length = 200)
    private String businessKey;

    @Column(nullable = false, updatable = false, length = 320)
    private String recipient;

    @Column(nullable = false, updatable = false, length = 300)
    private String subject;

    @Column(nullable = false, updatable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected MailMessage() {
    }

    /** A new mail, due at once. */
    public MailMessage(String businessKey, String recipient, String subject, String body, Instant now) {
        this.id = UUID.randomUUID();
        this.businessKey = required(businessKey, "businessKey", 200);
        this.recipient = required(recipient, "recipient", 320);
        if (!this.recipient.contains("@") || this.recipient.chars().anyMatch(c -> c < 0x20 || c == ',')) {
            throw new IllegalArgumentException("the recipient must be one email address");
        }
        String oneLine = Objects.requireNonNull(subject, "subject").replaceAll("[\\r\\n]+", " ").strip();
        this.subject = required(oneLine, "subject", 300);
        this.body = Objects.requireNonNull(body, "body");
        this.status = Status.QUEUED;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    private static String required(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return value.strip();
    }

    /** Whether a sender may take it now. */
    public boolean isDue(Instant now) {
        return status == Status.QUEUED && !nextAttemptAt.isAfter(now);
    }

    /** Taken by a sender: no other sender takes it before {@code now + lease} (a crash mid-send retries it then). */
    public void claim(Instant now, Duration lease) {
        requireQueued();
        nextAttemptAt = now.plus(lease);
    }

    /** The SMTP server accepted it. */
    public void sent(Instant now) {
        requireQueued();
        status = Status.SENT;
        sentAt = now;
        lastError = null;
    }

    /**
     * An attempt failed: counted, and either rescheduled by the policy or given up (FAILED).
     *
     * @return true when the mail was given up
     */
    public boolean attemptFailed(String error, Instant now, RetryPolicy policy) {
        requireQueued();
        attempts++;
        String message = error == null || error.isBlank() ? "unknown error" : error.strip();
        lastError = message.length() <= MAX_ERROR ? message : message.substring(0, MAX_ERROR);
        Optional<Instant> next = policy.nextAttempt(attempts, now);
        if (next.isPresent()) {
            nextAttemptAt = next.get();
            return false;
        }
        status = Status.FAILED;
        return true;
    }

    private void requireQueued() {
        if (status != Status.QUEUED) {
            throw new IllegalStateException("mail " + id + " is " + status + ", no longer queued");
        }
    }

    public UUID id() {
        return id;
    }

    public String businessKey() {
        return businessKey;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }
}

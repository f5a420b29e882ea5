package io.picktartup.coin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Every notification of a payment the platform received (a gateway webhook or a buyer's return from checkout),
 * with what was made of it: credited, a duplicate, or refused and why. Admins see forged, stale, mismatched and
 * foreign notifications here; nothing is dropped silently.
 */
@Entity
@Table(name = "payment_notice")
public class PaymentNotice {

    /** Where the notification came from. */
    public enum Source { WEBHOOK, RETURN }

    /** What the platform made of it. */
    public enum Outcome {
        CREDITED, DUPLICATE, NOT_PAID, DECLINED, AMOUNT_MISMATCH, UNKNOWN_ORDER, FOREIGN_ORDER, INVALID_SIGNATURE,
        STALE, MALFORMED, IGNORED, GATEWAY_UNAVAILABLE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 10)
    private Source source;

    @Column(name = "payment_id", updatable = false, length = 64)
    private String paymentId;

    @Column(name = "webhook_id", updatable = false, length = 100)
    private String webhookId;

    @Column(name = "account_id", updatable = false)
    private java.util.UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 30)
    private Outcome outcome;

    @Column(updatable = false, length = 500)
    private String detail;

    protected PaymentNotice() {
    }

    public PaymentNotice(Instant receivedAt, Source source, String paymentId, String webhookId, java.util.UUID accountId,
                         Outcome outcome, String detail) {
        this.receivedAt = receivedAt;
        this.source = source;
        this.paymentId = paymentId == null || paymentId.length() <= 64 ? paymentId : paymentId.substring(0, 64);
        this.webhookId = webhookId == null || webhookId.length() <= 100 ? webhookId : webhookId.substring(0, 100);
        this.accountId = accountId;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Source source() {
        return source;
    }

    public String webhookId() {
        return webhookId;
    }

    public String detail() {
        return detail;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String paymentId() {
        return paymentId;
    }
}

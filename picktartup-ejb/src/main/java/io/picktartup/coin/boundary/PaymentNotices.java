package io.picktartup.coin.boundary;

import io.picktartup.coin.entity.PaymentNotice;
import io.picktartup.platform.control.Clock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.util.List;

/**
 * Records payment notifications. A verified notification is kept with its outcome (in its own transaction when the
 * request that carried it fails, so foreign or unanswerable ones still reach the admin's view); each webhook id is
 * handled once. A webhook whose signature, timestamp or form is refused writes nothing to the database (anyone can
 * send those, as many as they like): it only counts in {@code payment_webhooks_refused_total{reason}}.
 */
@Stateless
public class PaymentNotices {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(PaymentNotice.Source source, String paymentId, String webhookId, java.util.UUID accountId,
                       PaymentNotice.Outcome outcome, String detail) {
        em.persist(new PaymentNotice(clock.now(), source, paymentId, webhookId, accountId, outcome, detail));
        metrics.counter("payment_notices_total", new Tag("source", source.name()), new Tag("outcome", outcome.name()))
                .inc();
    }

    /**
     * Records a notice in the caller's transaction, on its connection: for outcomes that commit with the business
     * change. (A nested transaction per webhook would need a second pooled connection while the first is held: under
     * a burst of webhooks that exhausts the pool.)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordInTransaction(PaymentNotice.Source source, String paymentId, String webhookId,
                                    java.util.UUID accountId, PaymentNotice.Outcome outcome, String detail) {
        em.persist(new PaymentNotice(clock.now(), source, paymentId, webhookId, accountId, outcome, detail));
        metrics.counter("payment_notices_total", new Tag("source", source.name()), new Tag("outcome", outcome.name()))
                .inc();
    }

    /**
     * Remembers a verified webhook's id in the caller's transaction; false when it was seen (and handled) before: a
     * repeated delivery then does nothing and writes nothing. Rolled back with a delivery that failed, so its retry
     * is handled. Concurrent copies wait on the id's key and then see it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean firstDelivery(String webhookId) {
        int inserted = em.createNativeQuery(
                        "insert into payment_webhook (webhook_id, received_at) values (?1, ?2) "
                                + "on conflict (webhook_id) do nothing")
                .setParameter(1, webhookId.length() <= 100 ? webhookId : webhookId.substring(0, 100))
                .setParameter(2, clock.now())
                .executeUpdate();
        if (inserted == 0) {
            metrics.counter("payment_webhooks_repeated_total").inc();
        }
        return inserted == 1;
    }

    /** A verified webhook about something other than a payment: kept once per webhook id. */
    public void ignored(String webhookId, String type) {
        if (firstDelivery(webhookId)) {
            recordInTransaction(PaymentNotice.Source.WEBHOOK, null, webhookId, null, PaymentNotice.Outcome.IGNORED,
                    type);
        }
    }

    /** A webhook refused before anything in it could be trusted: counted, never written. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void refused(String reason) {
        metrics.counter("payment_webhooks_refused_total", new Tag("reason", reason)).inc();
    }

    /** The most recent notices, newest first, for admins. */
    @jakarta.annotation.security.RolesAllowed("ADMIN")
    public List<PaymentNotice> recent(int max) {
        return em.createQuery("select n from PaymentNotice n order by n.id desc", PaymentNotice.class)
                .setMaxResults(max).getResultList();
    }
}

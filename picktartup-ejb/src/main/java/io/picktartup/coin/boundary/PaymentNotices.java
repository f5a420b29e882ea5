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
 * Records payment notifications in their own transaction: a refused one is kept even when the request that
 * carried it fails, so forged, stale or foreign notifications always reach the admin's view and the metrics.
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

    /** The most recent notices, newest first, for admins. */
    @jakarta.annotation.security.RolesAllowed("ADMIN")
    public List<PaymentNotice> recent(int max) {
        return em.createQuery("select n from PaymentNotice n order by n.id desc", PaymentNotice.class)
                .setMaxResults(max).getResultList();
    }
}

package io.picktartup.mail.boundary;

import io.picktartup.mail.control.MailSettings;
import io.picktartup.mail.entity.MailMessage;
import io.picktartup.platform.control.Clock;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The outbox's steps, each in its own short transaction, so no transaction is open while a mail server is talked to:
 * claim due mails ({@code FOR UPDATE SKIP LOCKED}, then leased), and record each outcome. Safe with several
 * instances sending at once; a crash between sending and recording sends that mail again after the lease (at least
 * once, never lost).
 */
@Stateless
public class MailDeliveries {

    private static final Logger LOG = Logger.getLogger(MailDeliveries.class.getName());

    /** A claimed mail, as the sender needs it outside the transaction. */
    public record Claimed(UUID id, String recipient, String subject, String body, int attempts) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    MailSettings settings;

    @Inject
    Clock clock;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue(int limit) {
        var now = clock.now();
        List<MailMessage> due = em.createNativeQuery("""
                        select m.* from mail_message m
                        where m.status = 'QUEUED' and m.next_attempt_at <= ?1
                        order by m.next_attempt_at limit ?2 for update skip locked""", MailMessage.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        return due.stream().map(m -> {
            m.claim(now, settings.lease());
            return new Claimed(m.id(), m.recipient(), m.subject(), m.body(), m.attempts());
        }).toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(UUID id) {
        queued(id).ifPresent(mail -> {
            mail.sent(clock.now());
            metrics.counter("mail_sent_total").inc();
        });
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(UUID id, String error) {
        queued(id).ifPresent(mail -> {
            metrics.counter("mail_attempts_failed_total").inc();
            if (mail.attemptFailed(error, clock.now(), settings.retryPolicy())) {
                metrics.counter("mail_failed_total").inc();
                LOG.severe(() -> "Mail " + id + " (" + mail.businessKey() + ") given up after " + mail.attempts()
                        + " attempts: " + mail.lastError().orElse(""));
            } else {
                LOG.warning(() -> "Mail " + id + " attempt " + mail.attempts() + " failed, next at "
                        + mail.nextAttemptAt() + ": " + mail.lastError().orElse(""));
            }
        });
    }

    private Optional<MailMessage> queued(UUID id) {
        return Optional.ofNullable(em.find(MailMessage.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
                .filter(m -> m.status() == MailMessage.Status.QUEUED);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(MailMessage.Status status) {
        return em.createQuery("select count(m) from MailMessage m where m.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }

    /** The most recent mails, newest first, optionally of one status; for admins. */
    @RolesAllowed("ADMIN")
    public List<MailMessage> recent(Optional<MailMessage.Status> status, int max) {
        var query = status.isPresent()
                ? em.createQuery("select m from MailMessage m where m.status = :status order by m.createdAt desc",
                MailMessage.class).setParameter("status", status.get())
                : em.createQuery("select m from MailMessage m order by m.createdAt desc", MailMessage.class);
        return query.setMaxResults(max).getResultList();
    }

    /** The mails queued under these business keys, newest first: what a business process sent (its own checks first). */
    @RolesAllowed({"STARTUP", "ADMIN"})
    public List<MailMessage> withKeys(java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select m from MailMessage m where m.businessKey in :keys order by m.createdAt desc",
                MailMessage.class).setParameter("keys", keys).setMaxResults(2000).getResultList();
    }
}

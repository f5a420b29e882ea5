package io.picktartup.mail.control;

import io.picktartup.mail.entity.MailMessage;
import io.picktartup.platform.control.Clock;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Where business changes put the mails they cause, in their own transaction: the mail commits or rolls back with the
 * change, and the mail sender delivers it afterwards (with retries). Idempotent on the business key: a repeated key
 * (a retried operation) is the same mail, silently.
 */
@Dependent
public class MailOutbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Queues a plain-text (UTF-8) mail; joins the caller's transaction. */
    public void queue(String businessKey, String recipient, String subject, String body) {
        var mail = new MailMessage(businessKey, recipient, subject, body, clock.now());
        em.createNativeQuery("""
                        insert into mail_message (id, business_key, recipient, subject, body, status, attempts,
                                                  next_attempt_at, created_at)
                        values (?1, ?2, ?3, ?4, ?5, 'QUEUED', 0, ?6, ?6)
                        on conflict (business_key) do nothing""")
                .setParameter(1, mail.id())
                .setParameter(2, mail.businessKey())
                .setParameter(3, mail.recipient())
                .setParameter(4, mail.subject())
                .setParameter(5, mail.body())
                .setParameter(6, mail.createdAt())
                .executeUpdate();
    }
}

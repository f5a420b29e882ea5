package io.picktartup.mail.boundary;

import io.picktartup.mail.entity.MailMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The outbox's gauge for Prometheus; the counters {@code mail_sent_total}, {@code mail_attempts_failed_total} and
 * {@code mail_failed_total} (given up) are kept by {@link MailDeliveries}.
 */
@ApplicationScoped
public class MailMetrics {

    @Inject
    MailDeliveries deliveries;

    @Gauge(name = "mail_queued", absolute = true, unit = "none",
            description = "Mails waiting in the outbox (new, or to be retried)")
    public long queued() {
        return deliveries.count(MailMessage.Status.QUEUED);
    }
}

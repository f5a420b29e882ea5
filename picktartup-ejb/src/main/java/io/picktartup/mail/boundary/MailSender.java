package io.picktartup.mail.boundary;

import io.picktartup.platform.boundary.WorkerLeases;
import io.picktartup.mail.control.MailDeliveryException;
import io.picktartup.mail.control.MailSettings;
import io.picktartup.mail.control.Mailer;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every few seconds, delivers the due mails of the outbox: claims a small batch (leased in a short transaction),
 * sends each outside any transaction, and records each outcome in its own short transaction. One pass at a time per
 * instance; a tick that finds a pass still running is skipped.
 */
@Startup
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MailSender {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "mail-sender";

    @Inject
    WorkerLeases leases;

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    /** At most this many batches a tick, so a long queue cannot keep one tick running for ever. */
    private static final int MAX_BATCHES_PER_TICK = 20;

    @EJB
    MailDeliveries deliveries;

    @Inject
    Mailer mailer;

    @Inject
    MailSettings settings;

    @Inject
    MailMetrics gauges;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void registerMetrics() {
        gauges.queued(); // instantiates the gauge's bean, so it is registered before the first scrape
        metrics.counter("mail_sent_total");
        metrics.counter("mail_attempts_failed_total");
        metrics.counter("mail_failed_total");
    }

    @Schedule(hour = "*", minute = "*", second = "*/3", persistent = false)
    void tick() {
        if (!leases.holds(WORKER)) {
            return; // another instance of the cluster runs it
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
                if (sendBatch() < settings.batch()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Mail sender pass failed; the mails stay queued", e);
        } finally {
            running.set(false);
        }
    }

    private int sendBatch() {
        var claimed = deliveries.claimDue(settings.batch());
        for (var mail : claimed) {
            try {
                mailer.send(mail.id().toString(), mail.recipient(), mail.subject(), mail.body());
            } catch (MailDeliveryException e) {
                deliveries.failed(mail.id(), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                // not the server's answer (e.g. the mail resource is missing): still an attempt, so it cannot loop
                LOG.log(Level.SEVERE, "Mail " + mail.id() + " could not be handed to the mailer", e);
                deliveries.failed(mail.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                continue;
            }
            deliveries.sent(mail.id());
        }
        return claimed.size();
    }
}

package io.picktartup.mail.control;

import io.picktartup.mail.entity.RetryPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The mail outbox's settings (MicroProfile Config; see README). */
@ApplicationScoped
public class MailSettings {

    @Inject
    @ConfigProperty(name = "picktartup.mail.retry-delays", defaultValue = "PT5S,PT30S,PT2M,PT10M,PT1H")
    String retryDelays;

    @Inject
    @ConfigProperty(name = "picktartup.mail.max-attempts", defaultValue = "10")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "picktartup.mail.batch", defaultValue = "10")
    int batch;

    @Inject
    @ConfigProperty(name = "picktartup.mail.lease", defaultValue = "PT5M")
    Duration lease;

    private RetryPolicy policy;

    @PostConstruct
    void parse() {
        policy = RetryPolicy.parse(retryDelays, maxAttempts);
        if (batch < 1) {
            throw new IllegalArgumentException("picktartup.mail.batch must be at least 1");
        }
    }

    public RetryPolicy retryPolicy() {
        return policy;
    }

    /** Mails claimed at once: small, since a claimed batch is sent one after the other. */
    public int batch() {
        return batch;
    }

    /** How long a claimed mail is reserved for its sender (far more than a batch's SMTP timeouts). */
    public Duration lease() {
        return lease;
    }
}

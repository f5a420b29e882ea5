package io.picktartup.round.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** The round alerts for Prometheus: rounds whose latest reconciliation found a mismatch. */
@ApplicationScoped
public class RoundMetrics {

    @EJB
    RoundAudit audits;

    /** Created with the application, so the gauge is registered before the first scrape (no query here). */
    void register(@jakarta.enterprise.event.Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class)
                  Object application) {
        // nothing: being created is what registers the gauge
    }

    @Gauge(name = "round_reconciliation_mismatches", absolute = true, unit = "none",
            description = "Rounds whose latest reconciliation with the chain found a mismatch (alert when > 0)")
    public long mismatches() {
        return audits.mismatches();
    }
}

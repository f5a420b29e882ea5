package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.AddressRate;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often one client address may read public audits ({@code picktartup.http.audit-requests-per-minute}, 60 by
 * default), for the API and the audit page alike.
 */
@ApplicationScoped
public class AuditBudget {

    @Inject
    @ConfigProperty(name = "picktartup.http.audit-requests-per-minute", defaultValue = "60")
    int perMinute;

    private AddressRate rate;

    @PostConstruct
    void init() {
        rate = new AddressRate(perMinute);
    }

    /** Counts one audit read from the address; a 429 problem past the budget. */
    public void take(String address) {
        rate.take(address);
    }
}

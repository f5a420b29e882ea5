package io.picktartup.platform.boundary;

import io.picktartup.platform.control.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when PostgreSQL answers and the schema has been migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseProbe probe;

    @Override
    public HealthCheckResponse call() {
        var version = probe.schemaVersion();
        var builder = HealthCheckResponse.named("database");
        return version.map(v -> builder.up().withData("schemaVersion", v))
                .orElseGet(() -> builder.down())
                .build();
    }
}

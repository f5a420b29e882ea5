package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Business time for tests and demos (ADMIN, and only where {@code picktartup.clock.adjustable} is on; everywhere
 * else this resource does not exist: 404). Moving it forward lets deadlines and cut-offs pass; move the dev chain's
 * time by the same amount ({@code evm_increaseTime}).
 */
@Path("admin/clock")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: clock", description = "Business time in test deployments (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminClockResource {

    /** How far business time runs ahead of the system clock. */
    public static class ClockRequest {
        public Long offsetSeconds;
    }

    public record ClockView(Instant now, long offsetSeconds) {
    }

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Business time now, and its offset")
    public ClockView get() {
        requireAdjustable();
        return new ClockView(clock.now(), clock.offset().toSeconds());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set how far business time runs ahead of the system clock (0 = real time)")
    public ClockView set(@NotNull(message = "a JSON body is required") ClockRequest body) {
        requireAdjustable();
        if (body.offsetSeconds == null || body.offsetSeconds < 0) {
            throw new InvalidInputException("offsetSeconds", FieldRule.ZERO_OR_MORE_SECONDS);
        }
        var before = clock.offset();
        clock.offset(Duration.ofSeconds(body.offsetSeconds));
        audit.record(Caller.accountId(security.getUserPrincipal()).map(UUID::toString).orElse("unknown"),
                "clock.offset-changed", "clock", "business-time", Long.toString(before.toSeconds()),
                Long.toString(body.offsetSeconds));
        return get();
    }

    private void requireAdjustable() {
        if (!clock.isAdjustable()) {
            throw new NotFoundException("Resource", "admin/clock");
        }
    }
}

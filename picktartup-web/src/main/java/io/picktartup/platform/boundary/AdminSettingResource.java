package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.Setting;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * The operators' switches (role ADMIN): whether new investments and signups are taken, whether the request metrics
 * and the access log are on.
 */
@Path("admin/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: settings", description = "Operator switches (ADMIN only)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "403", description = "The caller is not an admin (problem+json)")
public class AdminSettingResource {

    /** A switch, its value, who set it last and when. */
    public record SettingView(String key, String value, String changedBy, Instant changedAt) {
        static SettingView of(Setting s) {
            return new SettingView(s.key(), s.value(), s.changedBy().orElse(null), s.updatedAt());
        }
    }

    /** The new value: "true" or "false". */
    public static class SettingRequest {
        public String value;
    }

    @EJB
    PlatformSwitches switches;

    @GET
    @Operation(summary = "Every operator switch (platform.investments-open, platform.signups-open, "
            + "observability.request-metrics, observability.access-log) with its value; an observation switch no operator "
            + "has set shows the configuration's value (changedBy \"configuration\", no changedAt)")
    public List<SettingView> list() {
        return switches.list().stream().map(SettingView::of).toList();
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn a switch on or off: at once on this instance, within 2 s on every other (the observation "
            + "switches) or at once (the others, read per use); audited (old and new value)")
    @APIResponse(responseCode = "200", description = "The switch")
    @APIResponse(responseCode = "400", description = "Not a switch (field key) or not true/false (field value) (problem+json)")
    public SettingView set(@PathParam("key") String key,
                           @NotNull(message = "a JSON body is required") SettingRequest body) {
        return SettingView.of(switches.set(key, body.value));
    }
}

package io.picktartup.waitlist.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.waitlist.entity.WaitlistEntry;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** The waitlist for admins: who is on it, and a CSV export. */
@Path("admin/waitlist")
@RequestScoped
@Tag(name = "Admin: waitlist", description = "The waitlist (ADMIN only)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "403", description = "The caller is not an admin (problem+json)")
public class AdminWaitlistResource {

    /** One person on the waitlist. */
    public record EntryView(String email, String language, Instant joinedAt) {
        static EntryView of(WaitlistEntry e) {
            return new EntryView(e.email(), e.language(), e.joinedAt());
        }
    }

    /** A page of the list and its size. */
    public record ListView(long total, List<EntryView> entries) {
    }

    @EJB
    Waitlist waitlist;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The waitlist, oldest first (at most limit entries, 1 to 1000) and its size")
    @APIResponse(responseCode = "400", description = "limit out of range (problem+json)")
    public ListView list(@QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", FieldRule.BETWEEN, 1, 1000);
        }
        return new ListView(waitlist.size(), waitlist.entries(limit).stream().map(EntryView::of).toList());
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(summary = "Every entry as CSV (UTF-8 with a byte order mark, so Excel reads it); audited")
    @APIResponse(responseCode = "200", description = "email,language,joined_at")
    public Response export() {
        return Response.ok(waitlist.export(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"waitlist.csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}

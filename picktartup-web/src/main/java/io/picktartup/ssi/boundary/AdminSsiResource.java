package io.picktartup.ssi.boundary;

import io.picktartup.platform.boundary.PathIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scoring one startup now (role ADMIN), e.g. after its figures were corrected; the nightly job scores them all. */
@Path("admin/startups/{id}/ssi")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: startups", description = "The startup register (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminSsiResource {

    @EJB
    SsiScoring scoring;

    @EJB
    SsiHistory scores;

    @POST
    @Operation(summary = "Score the startup now against the latest sector baselines, filed under today; audited")
    @APIResponse(responseCode = "200", description = "The startup's SSI, as GET /api/startups/{id}/ssi shows it")
    @APIResponse(responseCode = "404", description = "No such startup (problem+json)")
    public SsiView score(@PathParam("id") String id) {
        var startup = PathIds.uuid("Startup", id);
        scoring.scoreNow(startup);
        return SsiView.of(startup.toString(), scores.recent(startup, SsiResource.HISTORY_DAYS));
    }
}

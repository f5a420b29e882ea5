package io.picktartup.ssi.boundary;

import io.picktartup.platform.boundary.PathIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A startup's Startup Success Index, readable by anyone. */
@Path("startups/{id}/ssi")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Startups", description = "The startups raising money on Picktartup")
public class SsiResource {

    /** Days of history returned for the chart (about a year of nightly scores). */
    static final int HISTORY_DAYS = 400;

    @EJB
    SsiHistory scores;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Operation(summary = "The startup's latest SSI explained (pillars, inputs, change since the previous score) and its history")
    @APIResponse(responseCode = "200", description = "The index; overall null with reasons when there is not enough data")
    @APIResponse(responseCode = "404", description = "No such startup (problem+json)")
    public SsiView get(@PathParam("id") String id) {
        var startup = PathIds.uuid("Startup", id);
        return scores.explained(startup, HISTORY_DAYS);
    }
}

package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The startup register, readable by anyone. */
@Path("startups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Startups", description = "The startups raising money on Picktartup")
public class StartupResource {

    @EJB
    StartupRegister register;

    @GET
    @Operation(summary = "Every startup, by name")
    public List<StartupView> list() {
        return register.list(500).stream().map(StartupView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One startup")
    @APIResponse(responseCode = "404", description = "No such startup (problem+json)")
    public StartupView get(@PathParam("id") String id) {
        return StartupView.of(register.find(PathIds.uuid("Startup", id)));
    }

}

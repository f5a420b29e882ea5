package io.picktartup.activity.boundary;

import io.picktartup.platform.boundary.AccountIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("accounts/{id}/activity")
@RequestScoped
@Tag(name = "My wallet", description = "The caller's own custodial wallet")
@SecurityRequirement(name = "bearer")
public class ActivityResource {

    @EJB
    Activity activity;

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's history: purchases and transfers, with status, time and chain transaction")
    @APIResponse(responseCode = "200", description = "Newest first")
    @APIResponse(responseCode = "404", description = "Not the caller's account")
    public List<Activity.Entry> list(@PathParam("id") String id) {
        return activity.of(AccountIds.resolve(id, security.getUserPrincipal()), 200);
    }
}

package io.picktartup.startup.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Registering startups (role ADMIN). */
@Path("admin/startups")
@RequestScoped
@Tag(name = "Admin: startups", description = "The startup register (ADMIN only)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "403", description = "The caller is not an admin (problem+json)")
public class AdminStartupResource {

    /** A startup to register; {@code ceoAccountId} must be a STARTUP account. */
    public static class StartupRequest extends StartupRequests.ProfileRequest {
        public String ceoAccountId;
        public String walletAddress;
    }

    /** What a share is worth now, in won. */
    public static class ValuationRequest {
        public Long valuePerShareKrw;
    }

    @EJB
    StartupRegister register;

    @jakarta.ws.rs.PUT
    @Path("{id}/valuation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set what a share is worth now (investors' returns use it instead of the latest round's price); audited")
    @APIResponse(responseCode = "200", description = "The startup")
    @APIResponse(responseCode = "400", description = "Not a positive number of won (problem+json)")
    public StartupView value(@jakarta.ws.rs.PathParam("id") String id,
                             @NotNull(message = "a JSON body is required") ValuationRequest body) {
        return StartupView.of(register.value(io.picktartup.platform.boundary.PathIds.uuid("Startup", id), body.valuePerShareKrw));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a startup and link its CEO; audited")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json)")
    @APIResponse(responseCode = "409", description = "The name is taken (startup.name-taken)")
    public Response register(@NotNull(message = "a JSON body is required") StartupRequest body) {
        var startup = register.register(body.profile(io.picktartup.startup.entity.Stage.SEED), body.ceoAccountId, body.walletAddress);
        return Response.created(URI.create("/api/startups/" + startup.id())).entity(StartupView.of(startup)).build();
    }
}

package io.picktartup.kyc.boundary;

import io.picktartup.platform.boundary.AccountIds;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's identity verification (KYC): submit, and read the latest review. */
@Path("accounts/{id}/kyc")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "KYC", description = "Identity verification, which share transfers require")
@SecurityRequirement(name = "bearer")
public class KycResource {

    public static class SubmitRequest {
        public String fullName;
        public String birthDate;
        public String documentNumber;
    }

    @EJB
    KycReviews reviews;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Your latest KYC review")
    @APIResponse(responseCode = "404", description = "You have not submitted your identity yet")
    public KycView mine(@PathParam("id") String id) {
        own(id);
        return reviews.mine().map(KycView::of).orElseThrow(() -> new NotFoundException("KYC review", "yours"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit your identity to the verification provider; an admin then reviews it")
    @APIResponse(responseCode = "201", description = "SUBMITTED, with the provider's answer")
    @APIResponse(responseCode = "400", description = "fullName, birthDate or documentNumber missing or invalid")
    @APIResponse(responseCode = "409", description = "kyc.open-review: a review of yours is open already")
    public Response submit(@PathParam("id") String id,
                           @NotNull(message = "a JSON body is required") SubmitRequest body) {
        own(id);
        return Response.status(201).entity(KycView.of(reviews.submit(body.fullName, body.birthDate,
                body.documentNumber))).build();
    }

    private void own(String id) {
        Caller.requireOwner(security.getUserPrincipal(), "Account", AccountIds.resolve(id, security.getUserPrincipal()));
    }
}

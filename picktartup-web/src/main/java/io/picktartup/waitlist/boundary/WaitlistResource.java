package io.picktartup.waitlist.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("waitlist")
@RequestScoped
@Tag(name = "Waitlist", description = "Hear when the first rounds open")
public class WaitlistResource {

    /**
     * The request to join; {@code language} is the language of the mails to come. A class, not a record: Payara's
     * OpenAPI scanner fails on constraint annotations that a record copies onto its constructor parameters.
     */
    public static class JoinRequest {
        @NotBlank
        @Email
        @Size(max = 254)
        public String email;

        @NotNull
        @Pattern(regexp = "ko|en", message = "must be ko or en")
        public String language;

        @NotNull(message = "must be given")
        @AssertTrue(message = "must be true: we mail only people who agreed to it")
        public Boolean consent;
    }

    @Inject
    Waitlist waitlist;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Counted(name = "waitlist_join_requests_total", absolute = true,
            description = "Requests to join the waitlist")
    @Operation(summary = "Join the waitlist (idempotent; answers the same for a new or a known email)")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", description = "Invalid or malformed request (problem+json)")
    public Response join(@NotNull(message = "a JSON body is required") @Valid JoinRequest request) {
        waitlist.join(request.email, request.language);
        return Response.accepted().build();
    }
}

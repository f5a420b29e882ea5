package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.startup.entity.StartupListing;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Listing applications as admins review them (role ADMIN, enforced by web.xml and again by the EJB). */
@Path("admin/listings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: listings", description = "Startup listing applications (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminListingResource {

    public static class ListingRejectRequest {
        public String reason;
    }

    @EJB
    StartupListings listings;

    @GET
    @Operation(summary = "Applications; ?status=SUBMITTED for the open ones (oldest first), else newest first")
    @APIResponse(responseCode = "400", description = "status is not SUBMITTED, APPROVED or REJECTED")
    public List<ListingView> list(@QueryParam("status") String status) {
        Optional<StartupListing.Status> filter;
        try {
            filter = status == null || status.isBlank() ? Optional.empty()
                    : Optional.of(StartupListing.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be SUBMITTED, APPROVED or REJECTED");
        }
        return listings.list(filter, 500).stream().map(ListingView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One application")
    @APIResponse(responseCode = "404", description = "No such application")
    public ListingView get(@PathParam("id") String id) {
        return ListingView.of(listings.find(PathIds.uuid("Listing", id)));
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve: the applicant becomes a STARTUP account, the startup is registered, the applicant "
            + "is mailed; approving again answers the same")
    @APIResponse(responseCode = "409", description = "listing.decided (rejected), startup.name-taken")
    public ListingView approve(@PathParam("id") String id) {
        return ListingView.of(listings.approve(PathIds.uuid("Listing", id)));
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject with the reason the applicant is mailed")
    @APIResponse(responseCode = "400", description = "reason missing (problem+json)")
    @APIResponse(responseCode = "409", description = "listing.decided")
    public ListingView reject(@PathParam("id") String id, @NotNull(message = "a JSON body is required") ListingRejectRequest body) {
        return ListingView.of(listings.reject(PathIds.uuid("Listing", id), body.reason));
    }
}

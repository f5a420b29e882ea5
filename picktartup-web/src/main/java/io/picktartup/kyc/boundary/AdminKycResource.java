package io.picktartup.kyc.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.kyc.entity.KycReview;
import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.InvalidInputException;
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

/** KYC reviews as admins decide them (role ADMIN, enforced by web.xml and again by the EJB). */
@Path("admin/kyc-reviews")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: KYC", description = "Identity reviews (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminKycResource {

    public static class ApproveRequest {
        public Integer level;
    }

    public static class RejectRequest {
        public String reason;
    }

    @EJB
    KycReviews reviews;

    @GET
    @Operation(summary = "Reviews, oldest first; ?status=SUBMITTED for the open ones")
    public List<KycView> list(@QueryParam("status") String status) {
        Optional<KycReview.Status> filter;
        try {
            filter = status == null || status.isBlank() ? Optional.empty()
                    : Optional.of(KycReview.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", FieldRule.CHOICE, "SUBMITTED, APPROVED or REJECTED");
        }
        return reviews.list(filter, 500).stream().map(KycView::of).toList();
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a GREEN review at a level (1 or 2); the level goes on chain for the wallet")
    @APIResponse(responseCode = "409", description = "kyc.provider-not-green or kyc.decided")
    public KycView approve(@PathParam("id") String id, @NotNull(message = "a JSON body is required") ApproveRequest body) {
        if (body.level == null) {
            throw new InvalidInputException("level", FieldRule.CHOICE, "1 or 2");
        }
        return KycView.of(reviews.approve(PathIds.uuid("KYC review", id), body.level));
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a review, with the reason the investor will read")
    @APIResponse(responseCode = "409", description = "kyc.decided")
    public KycView reject(@PathParam("id") String id, @NotNull(message = "a JSON body is required") RejectRequest body) {
        return KycView.of(reviews.reject(PathIds.uuid("KYC review", id), body.reason));
    }
}

package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.round.entity.ShareFreeze;
import io.picktartup.round.entity.ShareRecovery;
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

/** Share recoveries and frozen wallets as admins handle them (role ADMIN, enforced by web.xml and again by the EJB). */
@Path("admin/shares")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: shares", description = "Recoveries of lost wallets' shares and frozen wallets (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminShareRecoveryResource {

    public static class FreezeRequest {
        public String address;
        public Boolean frozen;
        public String reason;
    }

    public record RecoveryView(String id, String roundId, String accountId, String tokenAddress, String lostAddress,
                               String newAddress, long shares, String status, String requestedBy, String approvedBy,
                               String cancelledBy, String failure, String txHash, String createdAt, String updatedAt) {
        static RecoveryView of(ShareRecovery r) {
            return new RecoveryView(r.id().toString(), r.roundId().toString(), r.accountId().toString(),
                    r.tokenAddress(), r.lostAddress(), r.newAddress(), r.shares(), r.status().name(),
                    r.requestedBy().orElse(null), r.approvedBy().orElse(null), r.cancelledBy().orElse(null),
                    r.failure().orElse(null), r.txHash().orElse(null), r.createdAt().toString(),
                    r.updatedAt().toString());
        }
    }

    public record FreezeView(String address, boolean frozen, String reason, String changedBy, String changedAt) {
        static FreezeView of(ShareFreeze f) {
            return new FreezeView(f.address(), f.frozen(), f.reason(), f.changedBy(), f.changedAt().toString());
        }
    }

    @EJB
    ShareRecoveries recoveries;

    @GET
    @Path("recoveries")
    @Operation(summary = "Recoveries of lost wallets' shares, newest first; ?status=ASKED|REQUESTED|… to filter")
    public List<RecoveryView> list(@QueryParam("status") String status) {
        Optional<ShareRecovery.Status> filter;
        try {
            filter = status == null || status.isBlank() ? Optional.empty()
                    : Optional.of(ShareRecovery.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be ASKED, REQUESTING, REQUESTED, APPROVING, RECOVERED or "
                    + "CANCELLED");
        }
        return recoveries.list(filter, 500).stream().map(RecoveryView::of).toList();
    }

    @POST
    @Path("recoveries/{id}/request")
    @Operation(summary = "First approval: once the new wallet's identity is verified on chain, the first agent key "
            + "requests the recovery (requestRecovery)")
    @APIResponse(responseCode = "409", description = "shares.recovery-identity-unverified, shares.recovery-state, "
            + "shares.nothing-to-recover")
    public RecoveryView request(@PathParam("id") String id) {
        return RecoveryView.of(recoveries.request(PathIds.uuid("Share recovery", id)));
    }

    @POST
    @Path("recoveries/{id}/approve")
    @Operation(summary = "Second approval, by another admin than the requester: the second agent key approves the "
            + "recovery (approveRecovery) and the holding moves")
    @APIResponse(responseCode = "409", description = "shares.recovery-same-admin (four eyes), shares.recovery-state")
    public RecoveryView approve(@PathParam("id") String id) {
        return RecoveryView.of(recoveries.approve(PathIds.uuid("Share recovery", id)));
    }

    @POST
    @Path("recoveries/{id}/cancel")
    @Operation(summary = "Cancel an asked or requested recovery (a requested one is withdrawn on chain too)")
    @APIResponse(responseCode = "409", description = "shares.recovery-state")
    public RecoveryView cancel(@PathParam("id") String id) {
        return RecoveryView.of(recoveries.cancel(PathIds.uuid("Share recovery", id)));
    }

    @GET
    @Path("freezes")
    @Operation(summary = "Wallets frozen or unfrozen on the share tokens, with the reasons, newest first")
    public List<FreezeView> freezes() {
        return recoveries.freezes().stream().map(FreezeView::of).toList();
    }

    @POST
    @Path("freezes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Freeze (frozen: true) or unfreeze a wallet on every share token, with a reason (audited)")
    @APIResponse(responseCode = "400", description = "A missing or invalid field (address, frozen, reason)")
    public FreezeView freeze(@NotNull(message = "a JSON body is required") FreezeRequest body) {
        return FreezeView.of(recoveries.freeze(body.address, body.frozen, body.reason));
    }
}

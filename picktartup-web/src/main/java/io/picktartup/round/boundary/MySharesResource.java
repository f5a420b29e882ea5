package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.AccountIds;
import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.round.entity.ShareTransfer;
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

import java.util.List;

/** The caller's shares as tokens: holdings with their lock-up, and gasless transfers to verified wallets. */
@Path("accounts/{id}/shares")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shares", description = "Share tokens of released rounds")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
public class MySharesResource {

    public static class ShareTransferRequest {
        public String to;
        public Long shares;
        public String walletPassword;
    }

    public record ShareTransferView(String id, String roundId, String from, String to, long shares, String status,
                               String failure, String txHash, String createdAt) {
        static ShareTransferView of(ShareTransfer t) {
            return new ShareTransferView(t.id().toString(), t.roundId().toString(), t.fromAddress(), t.toAddress(),
                    t.shares(), t.status().name(), t.failure().orElse(null), t.txHash().orElse(null),
                    t.createdAt().toString());
        }
    }

    @EJB
    Shares shares;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Your shares per released round: balance on chain, confirmed shares, lock-up end")
    public List<Shares.Holding> list(@PathParam("id") String id) {
        own(id);
        return shares.mine();
    }

    @GET
    @Path("transfers")
    @Operation(summary = "Your share transfers, newest first")
    public List<ShareTransferView> transfers(@PathParam("id") String id) {
        own(id);
        return shares.myTransfers(100).stream().map(ShareTransferView::of).toList();
    }

    @POST
    @Path("{roundId}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transfer shares to a verified wallet after the lock-up, signed with your wallet password "
            + "(the platform pays the gas)")
    @APIResponse(responseCode = "202", description = "PENDING, then CONFIRMED once the transfer is final; the same "
            + "Idempotency-Key again answers the first transfer, nothing signed twice")
    @APIResponse(responseCode = "400", description = "A missing or invalid field (to, shares, walletPassword)")
    @APIResponse(responseCode = "409", description = "shares.locked-up, shares.insufficient, shares.frozen, "
            + "shares.sender-not-eligible, shares.not-issued")
    @APIResponse(responseCode = "422", description = "shares.recipient-not-eligible: the recipient has no KYC")
    public Response transfer(@PathParam("id") String id, @PathParam("roundId") String roundId,
                             @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
                             @NotNull(message = "a JSON body is required") ShareTransferRequest body) {
        own(id);
        if (body.shares == null) {
            throw new InvalidInputException("shares", "must be given");
        }
        var transfer = shares.transfer(PathIds.uuid("Round", roundId), body.to, body.shares, body.walletPassword,
                idempotencyKey);
        return Response.accepted(ShareTransferView.of(transfer)).build();
    }

    public static class RecoveryAsk {
        public String newWalletPassword;
    }

    public record MyRecoveryView(String id, String roundId, String lostAddress, String newAddress, long shares,
                                 String status, String createdAt) {
        static MyRecoveryView of(io.picktartup.round.entity.ShareRecovery r) {
            return new MyRecoveryView(r.id().toString(), r.roundId().toString(), r.lostAddress(), r.newAddress(),
                    r.shares(), r.status().name(), r.createdAt().toString());
        }
    }

    @EJB
    ShareRecoveries recoveries;

    @GET
    @Path("recoveries")
    @Operation(summary = "Your recoveries of a lost wallet's shares, newest first")
    public List<MyRecoveryView> recoveries(@PathParam("id") String id) {
        own(id);
        return recoveries.mine().stream().map(MyRecoveryView::of).toList();
    }

    @POST
    @Path("recoveries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lost your wallet: the platform creates a new one (encrypted with a new wallet password) and "
            + "asks for the recovery of the lost wallet's shares; verify your identity again (KYC) on the new wallet, "
            + "then two admins move the shares")
    @APIResponse(responseCode = "201", description = "The recoveries asked, one per round whose shares the lost "
            + "wallet holds")
    @APIResponse(responseCode = "400", description = "newWalletPassword missing or too weak")
    @APIResponse(responseCode = "409", description = "shares.nothing-to-recover, shares.recovery-open")
    public Response askRecovery(@PathParam("id") String id,
                                @NotNull(message = "a JSON body is required") RecoveryAsk body) {
        own(id);
        var asked = recoveries.ask(body.newWalletPassword).stream().map(MyRecoveryView::of).toList();
        return Response.status(Response.Status.CREATED).entity(asked).build();
    }

    private void own(String id) {
        Caller.requireOwner(security.getUserPrincipal(), "Account", AccountIds.resolve(id, security.getUserPrincipal()));
    }
}

package io.picktartup.round.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** One investment: its contract document, signing it, cancelling. Only its investor, the CEO and admins see it. */
@Path("investments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rounds", description = "Funding rounds and investing")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "404", description = "No such investment, or not yours")
public class InvestmentResource {

    /** The wallet password opens the investor's key for this one request; it is never stored. */
    public static class WalletPasswordRequest {
        public String walletPassword;
    }

    @EJB
    Investments investments;

    @EJB
    InvestmentSigning signing;

    @GET
    @Path("{id}")
    @Operation(summary = "One investment")
    public InvestmentView get(@PathParam("id") String id) {
        return InvestmentView.of(investments.holding(io.picktartup.platform.boundary.PathIds.uuid("Investment", id)));
    }

    @GET
    @Path("{id}/document")
    @Produces("application/pdf")
    @Operation(summary = "The investment contract (PDF); its SHA-256 is the termsHash you sign")
    @APIResponse(responseCode = "200", description = "The PDF")
    public Response document(@PathParam("id") String id) {
        var investmentId = io.picktartup.platform.boundary.PathIds.uuid("Investment", id);
        byte[] pdf = signing.document(investmentId);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"picktartup-investment-" + investmentId + ".pdf\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    @POST
    @Path("{id}/sign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign the contract with your wallet password: the deposit goes on chain")
    @APIResponse(responseCode = "202", description = "PENDING, then CONFIRMED once the deposit is final")
    @APIResponse(responseCode = "403", description = "Wrong wallet password (wallet.password-wrong); nothing signed")
    @APIResponse(responseCode = "409", description = "Expired reservation, or another wallet operation on its way")
    public Response sign(@PathParam("id") String id,
                         @NotNull(message = "a JSON body is required") WalletPasswordRequest body) {
        var investment = signing.sign(io.picktartup.platform.boundary.PathIds.uuid("Investment", id), body.walletPassword);
        return Response.accepted(InvestmentView.of(investments.holding(investment.id()))).build();
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel your whole position in this investment's round (until 48 hours before the deadline)")
    @APIResponse(responseCode = "202", description = "CANCELLING, then CANCELLED once the tokens are back")
    @APIResponse(responseCode = "409", description = "round.cancel-period-over, or nothing confirmed to cancel")
    public Response cancel(@PathParam("id") String id,
                           @NotNull(message = "a JSON body is required") WalletPasswordRequest body) {
        List<InvestmentView> views = signing.cancel(io.picktartup.platform.boundary.PathIds.uuid("Investment", id), body.walletPassword).stream()
                .map(i -> InvestmentView.of(investments.holding(i.id()))).toList();
        return Response.accepted(views).build();
    }
}

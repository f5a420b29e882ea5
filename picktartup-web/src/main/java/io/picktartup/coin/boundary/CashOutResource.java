package io.picktartup.coin.boundary;

import io.picktartup.wallet.boundary.JsonAmounts;
import jakarta.json.JsonValue;
import io.picktartup.coin.entity.CashOut;
import io.picktartup.platform.boundary.AccountIds;
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

import java.time.Instant;
import java.util.List;

/** Cashing PKN out to a bank account. */
@Path("accounts/{id}/cash-outs")
@RequestScoped
@Tag(name = "Coins", description = "Buying PKN by card")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "404", description = "Not the caller's account")
public class CashOutResource {

    /** {@code amount} PKN as a decimal string; the bank account's number is only ever shown masked. */
    public static class CashOutRequest {
        public JsonValue amount;
        public String walletPassword;
        public String bankCode;
        public String accountNumber;
        public String holderName;
    }

    /** A cash-out as its owner sees it. */
    public record CashOutView(String id, String amount, long krwAmount, String bankCode, String accountNumber,
                              String holderName, String status, String burnTxHash, String payoutReference,
                              String failure, Instant createdAt) {
        static CashOutView of(CashOut c) {
            return new CashOutView(c.id().toString(), c.amount().tokens().toPlainString(), c.krwAmount().value(),
                    c.bankCode(), c.accountMasked(), c.holderName(), c.status().name(), c.burnTxHash().orElse(null),
                    c.payoutReference().orElse(null), c.failure().orElse(null), c.createdAt());
        }
    }

    @EJB
    CashOuts cashOuts;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cash PKN out: burned with your signature (wallet password), then paid in won")
    @APIResponse(responseCode = "202", description = "Accepted: BURNING, then BURNED and PAID")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json)")
    @APIResponse(responseCode = "403", description = "Wrong wallet password (wallet.password-wrong); nothing burned")
    @APIResponse(responseCode = "409", description = "More than the balance (cash-out.insufficient-balance)")
    public Response request(@PathParam("id") String id,
                            @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
                            @NotNull(message = "a JSON body is required") CashOutRequest body) {
        var cashOut = cashOuts.request(AccountIds.resolve(id, security.getUserPrincipal()), body.walletPassword,
                JsonAmounts.text(body.amount), body.bankCode, body.accountNumber, body.holderName, idempotencyKey);
        return Response.accepted(CashOutView.of(cashOut)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's cash-outs, newest first")
    public List<CashOutView> list(@PathParam("id") String id) {
        return cashOuts.cashOutsOf(AccountIds.resolve(id, security.getUserPrincipal()), 100).stream()
                .map(CashOutView::of).toList();
    }
}

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

    /**
     * The wallet's PKN (decimal strings): on chain now; on its way in; held by movements on their way out (reserved
     * and pending investments, cash-outs, transfers); and what is free to spend (balance − held).
     */
    public record BalanceView(String address, String balance, String pendingIncoming, String pendingOutgoing,
                              String spendable) {
    }

    @EJB
    io.picktartup.wallet.boundary.MyWallet wallets;

    @EJB
    io.picktartup.wallet.boundary.Spending spending;

    @GET
    @Path("/balance")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The PKN balance read live from the chain, with what is pending in and out")
    @APIResponse(responseCode = "200", description = "The balance")
    @APIResponse(responseCode = "503", description = "The chain cannot be read now (chain.unavailable)")
    public BalanceView balance(@PathParam("id") String id) {
        var account = AccountIds.resolve(id, security.getUserPrincipal());
        String address = wallets.wallet(account).address();
        var funds = spending.funds(account);
        return new BalanceView(address, funds.balance().plain(),
                new io.picktartup.wallet.entity.TokenAmount(activity.pendingIncoming(account)).plain(),
                funds.held().plain(), funds.spendable().plain());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's history: purchases and transfers, with status, time and chain transaction")
    @APIResponse(responseCode = "200", description = "Newest first")
    @APIResponse(responseCode = "404", description = "Not the caller's account")
    public List<Activity.Entry> list(@PathParam("id") String id) {
        return activity.of(AccountIds.resolve(id, security.getUserPrincipal()), 200);
    }
}

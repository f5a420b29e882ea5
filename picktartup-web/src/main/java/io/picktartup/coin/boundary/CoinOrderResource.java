package io.picktartup.coin.boundary;

import io.picktartup.wallet.boundary.JsonAmounts;
import jakarta.json.JsonValue;
import io.picktartup.coin.control.PaymentSettings;
import io.picktartup.coin.entity.CoinOrder;
import io.picktartup.coin.entity.OrderStatus;
import io.picktartup.coin.entity.PaymentNotice;
import io.picktartup.platform.boundary.AccountIds;
import io.picktartup.platform.entity.Caller;
import io.picktartup.wallet.boundary.MyWallet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.core.UriInfo;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The caller's PKN purchases: place an order, pay it at the gateway's checkout, come back, see it complete. */
@Path("accounts/{id}/coin-orders")
@RequestScoped
@Tag(name = "Coins", description = "Buying PKN by card")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "404", description = "Not the caller's account or order")
public class CoinOrderResource {

    /** An order of {@code krwAmount} won (the limits are checked by the order itself and named in the problem). */
    public static class PlaceRequest {
        public JsonValue krwAmount;
    }

    @EJB
    CoinPurchases purchases;

    @EJB
    MyWallet wallets;

    @Inject
    PaymentSettings payments;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order; pay it with the returned checkout parameters")
    @APIResponse(responseCode = "201", description = "The order, PENDING, with its checkout")
    @APIResponse(responseCode = "400", description = "Amount missing or outside the limits (problem+json, field krwAmount)")
    public Response place(@PathParam("id") String id, @NotNull(message = "a JSON body is required") PlaceRequest body) {
        UUID account = owner(id);
        var order = purchases.place(account, wallets.wallet(account).address(), JsonAmounts.text(body.krwAmount));
        return Response.created(uri.getAbsolutePathBuilder().path(order.paymentId()).build())
                .entity(view(order)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's orders, newest first")
    public List<CoinOrderView> list(@PathParam("id") String id) {
        return purchases.ordersOf(owner(id), 100).stream().map(this::view).toList();
    }

    @GET
    @Path("{paymentId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One order")
    public CoinOrderView get(@PathParam("id") String id, @PathParam("paymentId") String paymentId) {
        return view(purchases.order(owner(id), paymentId));
    }

    @POST
    @Path("{paymentId}/confirm")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Back from the checkout: the platform asks the gateway and credits a paid order once")
    @APIResponse(responseCode = "200", description = "The order as it now stands")
    @APIResponse(responseCode = "503", description = "The gateway could not be asked now; the webhook will complete it")
    public CoinOrderView confirm(@PathParam("id") String id, @PathParam("paymentId") String paymentId) {
        UUID account = owner(id);
        purchases.confirm(paymentId, PaymentNotice.Source.RETURN, null, Optional.of(account));
        return view(purchases.order(account, paymentId));
    }

    private UUID owner(String id) {
        return Caller.requireOwner(security.getUserPrincipal(), "Account", AccountIds.resolve(id, security.getUserPrincipal()));
    }

    private CoinOrderView view(CoinOrder order) {
        return CoinOrderView.of(order, order.status() == OrderStatus.PENDING ? checkout(order) : null);
    }

    private CoinOrderView.Checkout checkout(CoinOrder order) {
        URI back = uri.getBaseUriBuilder().replacePath("/my/coins.xhtml").queryParam("paymentId", order.paymentId()).build();
        return new CoinOrderView.Checkout(payments.storeId().orElse(null), payments.channelKey().orElse(null),
                order.paymentId(), order.tokens() + " (Picktartup)", order.amount().value(), "KRW", "CARD", back,
                payments.browserSdkUrl());
    }
}

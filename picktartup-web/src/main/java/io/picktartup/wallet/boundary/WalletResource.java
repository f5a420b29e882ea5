package io.picktartup.wallet.boundary;

import jakarta.json.JsonValue;
import io.picktartup.platform.boundary.AccountIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The caller's own wallet. Any other account id answers 404. */
@Path("accounts/{id}/wallet")
@RequestScoped
@Tag(name = "My wallet", description = "The caller's own custodial wallet")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "404", description = "Not the caller's wallet (or no wallet)")
public class WalletResource {

    public static class PasswordChangeRequest {
        public String currentWalletPassword;
        public String newWalletPassword;
    }

    public static class ExportRequest {
        public String walletPassword;
    }

    /** Send {@code amount} PKN (a decimal string, up to 18 decimals) to {@code to}, authorised by the wallet password. */
    public static class TransferRequest {
        public String to;
        public JsonValue amount;
        public String walletPassword;
    }

    /** A transfer as its sender sees it. */
    public record TransferView(String id, String from, String to, String amount, String status, String txHash,
                               String failure, java.time.Instant createdAt) {
        static TransferView of(io.picktartup.wallet.entity.WalletTransfer t) {
            return new TransferView(t.id().toString(), t.fromAddress(), t.toAddress(),
                    new io.picktartup.wallet.entity.TokenAmount(t.amount()).plain(), t.status().name(),
                    t.txHash().orElse(null), t.failure().orElse(null), t.createdAt());
        }
    }

    @EJB
    WalletTransfers transfers;

    @POST
    @Path("transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send PKN to another address; the platform pays the gas (EIP-2612 permit signed with the wallet key)")
    @APIResponse(responseCode = "202", description = "Accepted: PENDING until final on chain")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json)")
    @APIResponse(responseCode = "403", description = "Wrong wallet password (wallet.password-wrong); nothing sent")
    @APIResponse(responseCode = "409", description = "Not enough PKN, or another transfer still on its way")
    public Response transfer(@PathParam("id") String id,
                             @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
                             @NotNull(message = "a JSON body is required") TransferRequest body) {
        var sent = transfers.send(AccountIds.resolve(id, security.getUserPrincipal()), body.walletPassword, body.to,
                JsonAmounts.text(body.amount), idempotencyKey);
        return Response.accepted(TransferView.of(sent)).build();
    }

    @GET
    @Path("transfers")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The wallet's transfers, newest first")
    public java.util.List<TransferView> transfers(@PathParam("id") String id) {
        return transfers.transfers(AccountIds.resolve(id, security.getUserPrincipal()), 100).stream()
                .map(TransferView::of).toList();
    }

    @EJB
    MyWallet myWallet;

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The wallet: its address and keystore format")
    @APIResponse(responseCode = "200", description = "The wallet")
    public WalletView get(@Parameter(description = "the account id, or `me`") @PathParam("id") String id) {
        return myWallet.wallet(AccountIds.resolve(id, security.getUserPrincipal()));
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the wallet password (the current one is required); the address stays the same")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid new password, each field named (problem+json)")
    @APIResponse(responseCode = "403", description = "Wrong current wallet password (wallet.password-wrong)")
    @APIResponse(responseCode = "429", description = "Too many wrong wallet passwords; Retry-After")
    @APIResponse(responseCode = "503", description = "Key derivation saturated; Retry-After (wallet.busy)")
    public Response changePassword(@PathParam("id") String id,
                                   @NotNull(message = "a JSON body is required") PasswordChangeRequest body) {
        myWallet.changePassword(AccountIds.resolve(id, security.getUserPrincipal()), body.currentWalletPassword,
                body.newWalletPassword);
        return Response.noContent().build();
    }

    @POST
    @Path("keystore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the keystore (Web3 Secret Storage JSON) to open the wallet in any standard wallet",
            description = "POST because the wallet password is required (in the body): the file is only as strong "
                    + "as that password, so it is not handed out on a session alone.")
    @APIResponse(responseCode = "200", description = "The keystore file")
    @APIResponse(responseCode = "403", description = "Wrong wallet password (wallet.password-wrong)")
    @APIResponse(responseCode = "429", description = "Too many wrong wallet passwords; Retry-After")
    public Response export(@PathParam("id") String id,
                           @NotNull(message = "a JSON body is required") ExportRequest body) {
        var accountId = AccountIds.resolve(id, security.getUserPrincipal());
        String keystore = myWallet.exportKeystore(accountId, body.walletPassword);
        var address = myWallet.wallet(accountId).address();
        return Response.ok(keystore)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(address) + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The name geth and most wallets give a keystore file: UTC--<time>--<address without 0x, lower case>. */
    public static String fileName(String address) {
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'")
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        return "UTC--" + time + "--" + address.substring(2).toLowerCase() + ".json";
    }
}

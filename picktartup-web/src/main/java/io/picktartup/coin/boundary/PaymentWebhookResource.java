package io.picktartup.coin.boundary;

import io.picktartup.coin.control.PaymentGatewayUnavailableException;
import io.picktartup.coin.control.WebhookRejectedException;
import io.picktartup.coin.control.WebhookVerifier;
import io.picktartup.coin.entity.PaymentNotice;
import io.picktartup.platform.boundary.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * The payment gateway's webhook. Verifies the Standard Webhooks signature and timestamp over the body exactly as
 * received (a refused one is only counted), then hands the payment id to {@link CoinPurchases#confirm}, which handles
 * each webhook id once and asks the gateway itself. Answers 200
 * once the notification is handled (also for duplicates: the gateway must stop retrying), 4xx for a notification
 * that can never be valid, 503 when the gateway cannot be asked right now (so it retries later).
 */
@Path(PaymentWebhookResource.PATH)
@RequestScoped
@Tag(name = "Payments", description = "Card payments through the payment gateway")
public class PaymentWebhookResource {

    public static final String PATH = "payments/webhook";

    @Inject
    WebhookVerifier verifier;

    @Inject
    CoinPurchases purchases;

    @Inject
    PaymentNotices notices;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Webhook of the payment gateway (PortOne V2, Standard Webhooks signatures)")
    @APIResponse(responseCode = "200", description = "Handled (credited, duplicate, or nothing to do)")
    @APIResponse(responseCode = "400", description = "Malformed, stale or unreadable (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid signature (problem+json)")
    @APIResponse(responseCode = "503", description = "The gateway could not be asked now; retry later")
    public Response receive(@HeaderParam(WebhookVerifier.HEADER_ID) String id,
                            @HeaderParam(WebhookVerifier.HEADER_TIMESTAMP) String timestamp,
                            @HeaderParam(WebhookVerifier.HEADER_SIGNATURE) String signature,
                            String body) {
        var webhook = verified(id, timestamp, signature, body);
        if (!webhook.concernsPayment()) {
            notices.ignored(webhook.webhookId(), webhook.type());
            return Response.ok().build();
        }
        try {
            purchases.confirm(webhook.paymentId().orElseThrow(), PaymentNotice.Source.WEBHOOK,
                    webhook.webhookId(), Optional.empty());
            return Response.ok().build();
        } catch (RuntimeException e) {
            if (causedBy(e, PaymentGatewayUnavailableException.class)) {
                return Problem.of(503, "payment.gateway-unavailable", "Payment gateway unavailable",
                        "The payment could not be looked up at the gateway now; send the webhook again later.")
                        .at("/api/" + PATH).toResponse();
            }
            throw e;
        }
    }

    private io.picktartup.coin.control.PaymentWebhook verified(String id, String timestamp, String signature,
                                                               String body) {
        try {
            return verifier.verify(id, timestamp, signature, body);
        } catch (WebhookRejectedException e) {
            // anyone can send these: counted, never written (no row, no look-up)
            notices.refused(e.reason().name());
            throw e;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

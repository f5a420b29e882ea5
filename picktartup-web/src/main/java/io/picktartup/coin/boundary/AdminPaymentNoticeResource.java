package io.picktartup.coin.boundary;

import io.picktartup.coin.entity.PaymentNotice;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** For admins: every payment notification and what was made of it (forged, stale, mismatched ones included). */
@Path("admin/payment-notices")
@RequestScoped
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
public class AdminPaymentNoticeResource {

    /** One notification as an admin sees it. */
    public record NoticeView(Instant receivedAt, String source, String paymentId, String webhookId, String outcome,
                             String detail) {
    }

    @EJB
    PaymentNotices notices;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The most recent payment notifications, newest first (ADMIN only)")
    public List<NoticeView> recent(@QueryParam("limit") Integer limit) {
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return notices.recent(max).stream().map(AdminPaymentNoticeResource::view).toList();
    }

    static NoticeView view(PaymentNotice n) {
        return new NoticeView(n.receivedAt(), n.source().name(), n.paymentId(), n.webhookId(), n.outcome().name(),
                n.detail());
    }
}

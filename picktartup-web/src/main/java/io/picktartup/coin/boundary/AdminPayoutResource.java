package io.picktartup.coin.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.coin.entity.Payout;
import io.picktartup.platform.entity.InvalidInputException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** For admins: payouts with their attempts at the provider, failures and returns. No account number is shown. */
@Path("admin/payouts")
@RequestScoped
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
public class AdminPayoutResource {

    /** One payout as an admin sees it. */
    public record PayoutView(String cashOutId, String requestId, String status, long krwAmount, String bankCode,
                             int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {
        static PayoutView of(Payout p) {
            return new PayoutView(p.cashOutId().toString(), p.requestId(), p.status().name(), p.krwAmount().value(),
                    p.bankCode(), p.attempts(), p.nextAttemptAt().orElse(null), p.lastError().orElse(null),
                    p.createdAt());
        }
    }

    @EJB
    CashOuts cashOuts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Payouts, newest first, optionally of one status (ADMIN only)")
    public List<PayoutView> payouts(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return cashOuts.payouts(status(status), max).stream().map(PayoutView::of).toList();
    }

    static Optional<Payout.Status> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Payout.Status.valueOf(status.trim().toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", FieldRule.ONE_OF, Arrays.toString(Payout.Status.values()));
        }
    }
}

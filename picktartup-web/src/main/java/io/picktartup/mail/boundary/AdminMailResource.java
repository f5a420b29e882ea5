package io.picktartup.mail.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.mail.entity.MailMessage;
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
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** For admins: the mail outbox, newest first: what was sent, what waits for a retry and why, what was given up. */
@Path("admin/mails")
@RequestScoped
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
public class AdminMailResource {

    /** One mail as an admin sees it (no body). */
    public record MailView(UUID id, String businessKey, String recipient, String subject, String status, int attempts,
                           String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
    }

    @EJB
    MailDeliveries deliveries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The most recent mails, newest first, optionally of one status: QUEUED, SENT or FAILED (ADMIN only)")
    public List<MailView> recent(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return deliveries.recent(status(status), max).stream().map(AdminMailResource::view).toList();
    }

    static Optional<MailMessage.Status> status(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MailMessage.Status.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", FieldRule.ONE_OF, Arrays.toString(MailMessage.Status.values()));
        }
    }

    static MailView view(MailMessage m) {
        return new MailView(m.id(), m.businessKey(), m.recipient(), m.subject(), m.status().name(), m.attempts(),
                m.lastError().orElse(null), m.createdAt(),
                m.status() == MailMessage.Status.QUEUED ? m.nextAttemptAt() : null, m.sentAt().orElse(null));
    }
}

package io.picktartup.round.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Round operations for admins. */
@Path("admin/rounds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: rounds", description = "Round operations (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminRoundResource {

    @EJB
    RoundAudit audits;

    @POST
    @Path("{id}/reconcile")
    @Operation(summary = "Reconcile the round's ledger with its escrow now; the verdict is stored (a mismatch alerts)")
    public RoundAudit.Reconciliation reconcile(@PathParam("id") String id) {
        return audits.reconcile(io.picktartup.platform.boundary.PathIds.uuid("Round", id));
    }
}

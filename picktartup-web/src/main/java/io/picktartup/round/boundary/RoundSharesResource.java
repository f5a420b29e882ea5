package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.PathIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public check of a released round's shares: issued on chain against confirmed investments. */
@Path("rounds/{id}/shares")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shares", description = "Share tokens of released rounds")
public class RoundSharesResource {

    public record SharesAuditView(String roundId, String tokenAddress, String status, long confirmedShares,
                            long issuedShares, boolean matches, String lockupEnd) {
    }

    @EJB
    Shares shares;

    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet // public: no token needed
    @GET
    @Operation(summary = "Shares issued by the round's share token (its total supply) against the confirmed "
            + "investments' shares; anyone may read it")
    @APIResponse(responseCode = "404", description = "No such released round")
    public SharesAuditView audit(@PathParam("id") String id) {
        var a = shares.audit(PathIds.uuid("Round", id));
        return new SharesAuditView(a.roundId().toString(), a.tokenAddress(), a.status().name(), a.confirmedShares(),
                a.issuedShares(), a.matches(), a.lockupEnd() == null ? null : a.lockupEnd().toString());
    }
}

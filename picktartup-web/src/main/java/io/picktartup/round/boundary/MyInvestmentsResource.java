package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.AccountIds;
import io.picktartup.platform.entity.Caller;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The caller's investments. */
@Path("accounts/{id}/investments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rounds", description = "Funding rounds and investing")
@SecurityRequirement(name = "bearer")
public class MyInvestmentsResource {

    @EJB
    Investments investments;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Your investments, newest first, with links to their contract documents")
    public List<InvestmentView> list(@PathParam("id") String id) {
        Caller.requireOwner(security.getUserPrincipal(), "Account", AccountIds.resolve(id, security.getUserPrincipal()));
        return investments.mine(500).stream()
                .map(h -> InvestmentView.of(h, investments.currentPricePerShareKrw(h.startup().id()))).toList();
    }
}

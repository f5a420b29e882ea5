package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.ClientAddress;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** The public audit of a round: anyone, without logging in, can check the platform's books against the chain. */
@Path("rounds/{id}/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rounds", description = "Funding rounds and investing")
public class RoundAuditResource {

    /** The report: totals in PKN, movements with their transactions, the verdict, and how to check it yourself. */
    public record AuditView(String roundId, String startupName, String roundName, String status, long chainId,
                            String escrow, String token, String deposited, String cancelled, String refunded,
                            String released, String escrowBalance, String verdict, List<String> findings,
                            Instant checkedAt, long eventsIndexedUpToBlock, List<MovementView> movements,
                            List<String> verifyYourself) {
    }

    /** One movement of the escrow, as its event recorded it. */
    public record MovementView(String kind, String address, String amount, String txHash, long block,
                               String termsHash) {
    }

    /** The answer to "is this the document an investor signed?". */
    public record DocumentCheckView(String sha256, boolean signed, List<SignedDepositView> deposits) {
    }

    /** A deposit whose investor signed that document: who (wallet), how much, which transaction, and when. */
    public record SignedDepositView(String investor, String amount, String txHash, long block, Instant confirmedAt) {
    }

    @EJB
    RoundAudit audits;

    @Inject
    AuditBudget budget;

    @Inject
    ClientAddress clients;

    /** CDI's request (not JAX-RS's @Context): the audit page calls this resource from a Faces request too. */
    @Inject
    HttpServletRequest request;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Operation(summary = "Public audit: the escrow's movements, totals, and the stored reconciliation verdict (no "
            + "login; read-only, renewed when new events are indexed or an admin asks; a budget per client address)")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No such round (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many requests from this address (problem+json, Retry-After)")
    public AuditView audit(@PathParam("id") String id) {
        budget.take(clients.of(request));
        var report = audits.report(io.picktartup.platform.boundary.PathIds.uuid("Round", id));
        String escrow = report.round().contractAddress().orElse(null);
        return new AuditView(report.round().id().toString(), report.startup().name(), report.round().name(),
                report.round().status().name(), report.chainId(), escrow, report.tokenAddress(), pkn(report.deposited()),
                pkn(report.cancelled()), pkn(report.refunded()), pkn(report.released()), pkn(report.escrowBalance()),
                report.reconciliation().verdict(), report.reconciliation().findings(),
                report.reconciliation().checkedAt(), report.reconciliation().eventsUpTo(),
                report.movements().stream().map(e -> new MovementView(e.kind(), e.address(), pkn(e.amount()), e.txHash(),
                        e.blockNumber(), e.termsHash())).toList(),
                List.of("Read the escrow's events (Deposited, Cancelled, Refunded, Released) with eth_getLogs on chain "
                                + report.chainId() + " at " + escrow + ": each one must be in the list above.",
                        "Read the token's balanceOf(" + escrow + ") on " + report.tokenAddress()
                                + ": it must equal deposited − cancelled − refunded − released.",
                        "Read the escrow's status(), totalRaised() and investorCount(); the round's page shows the same.",
                        "An investor can hash their contract PDF with SHA-256 (this page does it in your browser): it"
                                + " must equal the termsHash of their Deposited event, which their own key signed."));
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Path("documents/{sha256}")
    @Operation(summary = "Check a contract document: is the SHA-256 of this PDF the termsHash an investor signed in "
            + "this round's escrow? Which deposits, and when (no login; only the hash is sent, never the file)")
    @APIResponse(responseCode = "200", description = "The check: signed or not, and the matching deposits")
    @APIResponse(responseCode = "400", description = "Not a SHA-256 hash (problem+json naming the field sha256)")
    @APIResponse(responseCode = "404", description = "No such round (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many requests from this address (problem+json, Retry-After)")
    public DocumentCheckView document(@PathParam("id") String id, @PathParam("sha256") String sha256) {
        budget.take(clients.of(request));
        var check = audits.signedDocument(io.picktartup.platform.boundary.PathIds.uuid("Round", id), sha256);
        return new DocumentCheckView(check.sha256(), check.signed(), check.deposits().stream()
                .map(d -> new SignedDepositView(d.investor(), pkn(d.amount()), d.txHash(), d.blockNumber(),
                        d.confirmedAt())).toList());
    }

    private static String pkn(BigInteger baseUnits) {
        if (baseUnits == null) {
            return null; // not reconciled yet: no balance read
        }
        return new io.picktartup.wallet.entity.TokenAmount(baseUnits).plain();
    }
}

package io.picktartup.round.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.wallet.boundary.JsonAmounts;
import jakarta.json.JsonValue;
import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.boundary.Problem;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.round.entity.FundingRound;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Funding rounds: anyone reads progress; a startup's CEO or an admin drafts and opens; investors reserve. */
@Path("rounds")
// one instance, not one per request: creating and injecting a request-scoped resource (its EJB references, the
// validation interceptor, its @Context fields, which Jersey fills with per-request proxies) was a fifth of a
// GET /api/accounts/me (bench/request.sh profile)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rounds", description = "Funding rounds and investing")
public class RoundResource {

    /** A round to draft. Amounts in PKN (decimal strings), price and valuation in won, deadline ISO-8601. */
    public static class DraftRequest {
        public String startupId;
        public String name;
        public JsonValue goal;
        public JsonValue hardCap;
        public JsonValue minInvestment;
        public JsonValue pricePerShareKrw;
        public JsonValue preMoneyValuationKrw;
        public String deadline;
        public String terms;
    }

    /** How much to invest, in PKN. */
    public static class InvestRequest {
        public JsonValue amount;
    }

    @EJB
    Rounds rounds;

    @jakarta.inject.Inject
    RoomBatcher batcher;

    @EJB
    Investments investments;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Operation(summary = "Rounds anyone may see, open ones first; optionally one startup's")
    public List<RoundView> list(@QueryParam("startup") String startup) {
        Optional<UUID> startupId = startup == null || startup.isBlank() ? Optional.empty()
                : Optional.of(PathIds.uuid("Startup", startup));
        return rounds.list(startupId, 200).stream().map(RoundView::of).toList();
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Path("{id}")
    @Operation(summary = "One round with its live progress")
    @APIResponse(responseCode = "404", description = "No such round (or a draft you may not see)")
    public RoundView get(@PathParam("id") String id) {
        return RoundView.of(rounds.view(PathIds.uuid("Round", id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Draft a round (the startup's CEO or an admin)")
    @APIResponse(responseCode = "201", description = "Drafted")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json)")
    public Response draft(@NotNull(message = "a JSON body is required") DraftRequest body) {
        var violations = new ArrayList<InvalidInputException.Violation>();
        var draft = new FundingRound.Draft(body.name, JsonAmounts.pkn(violations, "goal", body.goal),
                JsonAmounts.pkn(violations, "hardCap", body.hardCap),
                JsonAmounts.pkn(violations, "minInvestment", body.minInvestment),
                JsonAmounts.won(violations, "pricePerShareKrw", body.pricePerShareKrw),
                JsonAmounts.won(violations, "preMoneyValuationKrw", body.preMoneyValuationKrw),
                instant(violations, body.deadline), body.terms);
        UUID startupId = null;
        try {
            startupId = UUID.fromString(String.valueOf(body.startupId));
        } catch (IllegalArgumentException e) {
            violations.add(InvalidInputException.Violation.of("startupId", FieldRule.STARTUP_ID));
        }
        InvalidInputException.refuseIfAny(violations);
        var round = rounds.draft(startupId, draft);
        return Response.created(URI.create("/api/rounds/" + round.id())).entity(RoundView.of(rounds.view(round.id())))
                .build();
    }

    @POST
    @Path("{id}/open")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Open a drafted round: its escrow is created on chain; OPEN once mined")
    @APIResponse(responseCode = "202", description = "OPENING")
    @APIResponse(responseCode = "409", description = "Not a draft, or the deadline is too close (problem+json)")
    public Response open(@PathParam("id") String id) {
        var round = rounds.open(PathIds.uuid("Round", id));
        return Response.accepted(RoundView.of(rounds.view(round.id()))).build();
    }

    @POST
    @Path("{id}/investments")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Reserve an investment: room is held while you read and sign its contract")
    @APIResponse(responseCode = "201", description = "RESERVED; read the document, then sign")
    @APIResponse(responseCode = "400", description = "Invalid amount (problem+json)")
    @APIResponse(responseCode = "409", description = "Refused: round.hard-cap (room left in extensions), round.closed, "
            + "round.below-minimum, investment.limit-exceeded (which limit, room left), investment.insufficient-balance, "
            + "investments.closed (the operators closed new investments)")
    public Response invest(@PathParam("id") String id,
                           @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
                           @NotNull(message = "a JSON body is required") InvestRequest body,
                           @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext caller) {
        // straight to the round's batches, not through the Reservations EJB: a request waits there for its batch, and
        // an EJB call would hold a stateless instance all that time (a rush's 500 waiting calls, 500 instances made
        // and thrown away beyond the pool's size)
        var reserved = batcher.reserve(caller.getUserPrincipal(), PathIds.uuid("Round", id),
                JsonAmounts.text(body.amount), idempotencyKey);
        return Response.created(URI.create("/api/investments/" + reserved.investment().id()))
                .entity(InvestmentView.of(reserved)).build();
    }

    @GET
    @Path("{id}/investments")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The round's investments (the startup's CEO or an admin)")
    public Response investments(@PathParam("id") String id,
                                @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext caller) {
        if (caller.getUserPrincipal() == null) {
            // reading rounds is public in web.xml (GET /api/rounds/*), this one read is not: answer as the
            // authentication mechanism does for a protected path, not with the EJB's 404
            return Response.fromResponse(Problem.of(401, "auth.token-missing", "Not authenticated",
                            "This endpoint needs an access token (Authorization: Bearer …); get one from POST "
                                    + "/api/auth/login.").at("/api/rounds/" + id + "/investments").toResponse())
                    .header("WWW-Authenticate", "Bearer realm=\"picktartup\"").build();
        }
        var roundId = PathIds.uuid("Round", id);
        var view = rounds.view(roundId);
        return Response.ok(investments.ofRound(roundId, 1000).stream()
                .map(i -> InvestmentView.of(new Investments.Holding(i, view.round(), view.startup(), view.status())))
                .toList()).build();
    }

    private static Instant instant(List<InvalidInputException.Violation> violations, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(InvalidInputException.Violation.of("deadline", FieldRule.INSTANT_EXAMPLE, "2027-01-31T15:00:00Z"));
            return Instant.MAX;
        }
    }

}

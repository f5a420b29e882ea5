package io.picktartup.startup.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.ArrayList;
import java.util.List;

/** The startup catalogue: anyone searches and reads it; a startup's CEO and admins keep its information current. */
@Path("startups")
// one instance, not one per request (as AccountResource): every search paid for creating and injecting a request-scoped
// resource (its EJB references, the validation interceptor)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Startups", description = "The startups on Picktartup: search, detail, and their CEO's updates")
public class StartupResource {

    @EJB
    StartupSearch search;

    @EJB
    StartupInformation information;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Operation(summary = "Search the catalogue: keywords (Korean and English, partial words), filters, sorting, pages")
    @APIResponse(responseCode = "400", description = "An invalid filter, sort or page, each named (problem+json)")
    public StartupSearch.Page search(@QueryParam("q") String q, @QueryParam("sector") String sector,
                                     @QueryParam("stage") String stage, @QueryParam("ssiMin") String ssiMin,
                                     @QueryParam("ssiMax") String ssiMax,
                                     @QueryParam("openRound") @DefaultValue("false") String openRound,
                                     @QueryParam("sort") String sort, @QueryParam("page") String page,
                                     @QueryParam("size") String size) {
        var problems = new ArrayList<InvalidInputException.Violation>();
        var request = new StartupSearch.Request(q, sector, stage, decimal(problems, "ssiMin", ssiMin),
                decimal(problems, "ssiMax", ssiMax), flag(problems, "openRound", openRound), sort,
                integer(problems, "page", page), integer(problems, "size", size));
        problems.addAll(request.problems());
        InvalidInputException.refuseIfAny(problems);
        return search.search(request);
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Path("sectors")
    @Operation(summary = "The sectors with their number of startups (the catalogue's filter)")
    public List<StartupSearch.SectorCount> sectors() {
        return search.sectors();
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Path("{id}")
    @Operation(summary = "One startup: profile, team, monthly figures, funding history and open round")
    @APIResponse(responseCode = "404", description = "No such startup (problem+json)")
    public StartupDetailView get(@PathParam("id") String id) {
        return StartupDetailView.of(information.detail(PathIds.uuid("Startup", id)));
    }

    @PUT
    @Path("{id}/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Revise the profile (its CEO or an admin); audited field by field")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json); nothing changed")
    @APIResponse(responseCode = "403", description = "Not this startup's CEO nor an admin (startup.not-yours)")
    @APIResponse(responseCode = "409", description = "Another startup has that name (startup.name-taken)")
    public StartupDetailView reviseProfile(@PathParam("id") String id,
                                           @NotNull(message = "a JSON body is required") StartupRequests.ProfileRequest body) {
        return StartupDetailView.of(information.reviseProfile(PathIds.uuid("Startup", id), body.profile(null)));
    }

    @PUT
    @Path("{id}/team")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace the team, in order (its CEO or an admin); audited")
    @APIResponse(responseCode = "400", description = "Invalid members, each field named as team[i].field (problem+json)")
    @APIResponse(responseCode = "403", description = "Not this startup's CEO nor an admin (startup.not-yours)")
    public StartupDetailView replaceTeam(@PathParam("id") String id,
                                         @NotNull(message = "a JSON array of members is required")
                                         List<StartupRequests.MemberRequest> body) {
        var problems = new ArrayList<InvalidInputException.Violation>();
        for (int i = 0; i < body.size(); i++) {
            var member = body.get(i);
            if (member != null && member.joinedOn != null && !member.joinedOn.isBlank()
                    && StartupRequests.date(member.joinedOn) == null) {
                problems.add(InvalidInputException.Violation.of("team[" + i + "].joinedOn", FieldRule.DATE));
            }
        }
        InvalidInputException.refuseIfAny(problems);
        return StartupDetailView.of(information.replaceTeam(PathIds.uuid("Startup", id),
                body.stream().map(m -> m == null ? null : m.entry()).toList()));
    }

    @PUT
    @Path("{id}/figures")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Report monthly figures (each month given replaces that month); its CEO or an admin; audited")
    @APIResponse(responseCode = "400", description = "Invalid figures, each named as figures[i].field (problem+json); nothing changed")
    @APIResponse(responseCode = "403", description = "Not this startup's CEO nor an admin (startup.not-yours)")
    public StartupDetailView recordFigures(@PathParam("id") String id,
                                           @NotNull(message = "a JSON array of months is required")
                                           List<StartupRequests.MonthRequest> body) {
        return StartupDetailView.of(information.recordFigures(PathIds.uuid("Startup", id),
                body.stream().map(m -> m == null ? null : m.month()).toList()));
    }

    /** Monthly figures as a CSV file's text. */
    public static class FiguresCsvRequest {
        public String csv;
    }

    @POST
    @Path("{id}/figures/csv")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Report monthly figures from a CSV file {csv}: a header naming the columns (period, headcount, "
            + "mau, retention, revenueKrw, operatingProfitKrw, cashKrw, burnKrw), one month a line; its CEO or an admin")
    @APIResponse(responseCode = "400", description = "Every bad line and cell named as line[n].column (problem+json); "
            + "nothing stored")
    @APIResponse(responseCode = "403", description = "Not this startup's CEO nor an admin (startup.not-yours)")
    public StartupDetailView importFigures(@PathParam("id") String id,
                                           @NotNull(message = "a JSON body is required") FiguresCsvRequest body) {
        return StartupDetailView.of(information.importFigures(PathIds.uuid("Startup", id), body.csv));
    }

    @POST
    @Path("{id}/external-rounds")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Add a round raised outside Picktartup to the funding history; its CEO or an admin; audited")
    @APIResponse(responseCode = "201", description = "Added; the body is the startup's detail")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json)")
    @APIResponse(responseCode = "403", description = "Not this startup's CEO nor an admin (startup.not-yours)")
    public Response addExternalRound(@PathParam("id") String id,
                                     @NotNull(message = "a JSON body is required") StartupRequests.ExternalRoundRequest body) {
        var startupId = PathIds.uuid("Startup", id);
        var round = information.addExternalRound(startupId, body.entry());
        return Response.created(URI.create("/api/startups/" + startupId + "/external-rounds/" + round.id()))
                .entity(StartupDetailView.of(information.detail(startupId))).build();
    }

    @DELETE
    @Path("{id}/external-rounds/{roundId}")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Remove an outside round from the funding history; its CEO or an admin; audited")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such startup or round (problem+json)")
    public Response removeExternalRound(@PathParam("id") String id, @PathParam("roundId") String roundId) {
        information.removeExternalRound(PathIds.uuid("Startup", id), PathIds.uuid("External round", roundId));
        return Response.noContent().build();
    }

    private static BigDecimal decimal(List<InvalidInputException.Violation> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            problems.add(InvalidInputException.Violation.of(field, FieldRule.NUMBER));
            return null;
        }
    }

    private static Integer integer(List<InvalidInputException.Violation> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(InvalidInputException.Violation.of(field, FieldRule.WHOLE_NUMBER));
            return null;
        }
    }

    private static boolean flag(List<InvalidInputException.Violation> problems, String field, String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(InvalidInputException.Violation.of(field, FieldRule.BOOLEAN));
        return false;
    }
}

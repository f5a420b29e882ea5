package io.picktartup.news.boundary;

import io.picktartup.news.entity.CrawlTally;
import io.picktartup.news.entity.NewsCrawlStat;
import io.picktartup.news.entity.NewsSource;
import io.picktartup.platform.boundary.PathIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The news crawl's sources and its report (role ADMIN). The crawl itself starts as job news-crawl. */
@Path("admin/news")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: news", description = "News sources and crawl reports (ADMIN only)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "403", description = "The caller is not an admin (problem+json)")
public class AdminNewsResource {

    /**
     * A source to add: an absolute http(s) URL on a public address, its kind (RSS, ATOM or HTML), a name shown beside
     * its articles, and whether its redirects to another host are followed (not by default).
     */
    public static class SourceRequest {
        public String url;
        public String kind;
        public String name;
        public Boolean enabled;
        public Boolean redirectsToOtherHosts;
    }

    public record SourceView(String id, String url, String kind, String name, boolean enabled,
                             boolean redirectsToOtherHosts, String addedBy, Instant createdAt) {
        static SourceView of(NewsSource s) {
            return new SourceView(s.id().toString(), s.url(), s.kind().name(), s.name(), s.enabled(),
                    s.redirectsToOtherHosts(), s.addedBy(), s.createdAt());
        }
    }

    /** One run: its totals and each source's line. */
    public record RunView(long executionId, CrawlTally total, List<SourceLine> sources) {
    }

    public record SourceLine(String sourceId, String sourceName, CrawlTally tally, Instant recordedAt) {
    }

    @EJB
    NewsSources sources;

    @EJB
    NewsCrawl crawl;

    @GET
    @Path("sources")
    @Operation(summary = "The configured sources")
    public List<SourceView> list() {
        return sources.list().stream().map(SourceView::of).toList();
    }

    @POST
    @Path("sources")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a source; audited")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named, among them a URL whose host is a "
            + "loopback, private, link-local or metadata address (problem+json)")
    @APIResponse(responseCode = "409", description = "The URL is already configured (news.source-exists)")
    public Response add(@NotNull(message = "a JSON body is required") SourceRequest body) {
        var source = sources.add(body.url, body.kind, body.name, body.enabled,
                Boolean.TRUE.equals(body.redirectsToOtherHosts));
        return Response.created(URI.create("/api/admin/news/sources/" + source.id()))
                .entity(SourceView.of(source)).build();
    }

    @DELETE
    @Path("sources/{id}")
    @Operation(summary = "Remove a source (its articles stay); audited")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such source (problem+json)")
    public Response remove(@PathParam("id") String id) {
        sources.remove(PathIds.uuid("News source", id));
        return Response.noContent().build();
    }

    @GET
    @Path("runs")
    @Operation(summary = "The last crawl runs' counts, newest first: totals and per source")
    public List<RunView> runs() {
        return runs(crawl.recentRuns(10));
    }

    /** The runs' lines grouped by run, newest first, with each run's totals. */
    static List<RunView> runs(List<NewsCrawlStat> stats) {
        var byRun = new LinkedHashMap<Long, List<NewsCrawlStat>>();
        for (NewsCrawlStat stat : stats) {
            byRun.computeIfAbsent(stat.executionId(), id -> new ArrayList<>()).add(stat);
        }
        return byRun.entrySet().stream().map(run -> new RunView(run.getKey(),
                run.getValue().stream().map(NewsCrawlStat::tally).reduce(CrawlTally.NONE, CrawlTally::plus),
                run.getValue().stream().map(s -> new SourceLine(s.sourceId() == null ? null : s.sourceId().toString(),
                        s.sourceName(), s.tally(), s.recordedAt())).toList())).toList();
    }
}

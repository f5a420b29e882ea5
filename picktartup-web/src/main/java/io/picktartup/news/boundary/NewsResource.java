package io.picktartup.news.boundary;

import io.picktartup.news.entity.NewsArticle;
import io.picktartup.platform.boundary.PathIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** A startup's crawled news, readable by anyone. */
@Path("startups/{id}/news")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Startups", description = "The startups raising money on Picktartup")
public class NewsResource {

    /** One article as readers see it. */
    public record ArticleView(String title, String source, Instant publishedAt, String url, String summary) {
        static ArticleView of(NewsArticle a) {
            return new ArticleView(a.title(), a.sourceName(), a.publishedAt(), a.url(), a.summary());
        }
    }

    /** A page of articles, newest first. */
    public record NewsPage(List<ArticleView> items, int page, int size, long total) {
    }

    @EJB
    StartupNews news;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Operation(summary = "The startup's news, newest first (title, source, date, link, short summary), paginated")
    @APIResponse(responseCode = "400", description = "page < 0 or size outside 1..100 (problem+json naming the field)")
    @APIResponse(responseCode = "404", description = "No such startup (problem+json)")
    public NewsPage list(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("20") int size) {
        var result = news.page(PathIds.uuid("Startup", id), page, size);
        return new NewsPage(result.articles().stream().map(ArticleView::of).toList(), result.page(), result.size(),
                result.total());
    }
}

package io.picktartup.news.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Backing bean of the admins' news page: the crawled sources (add one, remove one: the same calls as
 * {@code /api/admin/news/sources}) and the last crawl runs' counts per source.
 */
@Named
@ViewScoped
public class AdminNewsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    NewsSources sources;

    @EJB
    NewsCrawl crawl;

    @Inject
    Language language;

    private String url;
    private String kind = "RSS";
    private String name;
    private boolean enabled = true;
    private boolean redirectsToOtherHosts;
    private transient List<AdminNewsResource.SourceView> sourceViews;
    private transient List<AdminNewsResource.RunView> runs;

    public List<AdminNewsResource.SourceView> getSources() {
        if (sourceViews == null) {
            sourceViews = sources.list().stream().map(AdminNewsResource.SourceView::of).toList();
        }
        return sourceViews;
    }

    public List<AdminNewsResource.RunView> getRuns() {
        if (runs == null) {
            runs = AdminNewsResource.runs(crawl.recentRuns(10));
        }
        return runs;
    }

    public void add() {
        var context = FacesContext.getCurrentInstance();
        try {
            sources.add(url, kind, name, enabled, redirectsToOtherHosts);
            PageProblems.done(context, null, "admin-news.added", language.getLocale());
            url = null;
            name = null;
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
        }
        sourceViews = null;
    }

    public void remove(String id) {
        var context = FacesContext.getCurrentInstance();
        try {
            sources.remove(UUID.fromString(id));
            PageProblems.done(context, null, "admin-news.removed", language.getLocale());
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
        }
        sourceViews = null;
    }

    public io.picktartup.news.entity.SourceKind[] getKinds() {
        return io.picktartup.news.entity.SourceKind.values();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRedirectsToOtherHosts() {
        return redirectsToOtherHosts;
    }

    public void setRedirectsToOtherHosts(boolean redirectsToOtherHosts) {
        this.redirectsToOtherHosts = redirectsToOtherHosts;
    }
}

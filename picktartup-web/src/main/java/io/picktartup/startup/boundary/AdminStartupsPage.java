package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** Backing bean of the admins' startups page: every startup (newest first) or those a search finds, with its open round. */
@Named
@ViewScoped
public class AdminStartupsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = StartupSearch.SIZE_MAX;

    @EJB
    transient StartupSearch search;

    @Inject
    Language language;

    @EJB
    transient StartupListings listings;

    private String q;

    /** Listing applications waiting for a decision (on the listings page). */
    public int getPendingListings() {
        return listings.list(java.util.Optional.of(io.picktartup.startup.entity.StartupListing.Status.SUBMITTED), 200).size();
    }
    private transient StartupSearch.Page page;

    public StartupSearch.Page getPage() {
        if (page == null) {
            try {
                page = search.search(new StartupSearch.Request(q == null || q.isBlank() ? null : q.strip(), null, null,
                        null, null, false, q == null || q.isBlank() ? "newest" : "relevance", 0, SHOWN));
            } catch (RuntimeException e) {
                if (!PageProblems.show(FacesContext.getCurrentInstance(), null, e, language.getLocale())) {
                    throw e;
                }
                page = new StartupSearch.Page(List.of(), 0, false, 0, SHOWN, null);
            }
        }
        return page;
    }

    /** Runs the search typed in the box (the same search investors use, over every startup). */
    public String find() {
        page = null;
        return null;
    }

    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
}

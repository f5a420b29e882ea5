package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import io.picktartup.startup.entity.StartupListing;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Backing bean of the admins' listing review: the open applications, their documents, approve or reject. */
@Named
@ViewScoped
public class AdminListingsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient StartupListings listings;

    @Inject
    Language language;

    private transient List<StartupListings.Detail> open;
    private String listingId;
    private String reason;

    public List<StartupListings.Detail> getOpen() {
        if (open == null) {
            open = listings.list(Optional.of(StartupListing.Status.SUBMITTED), 200);
        }
        return open;
    }

    public String approve() {
        return decide(() -> listings.approve(UUID.fromString(listingId)), "listing.approved");
    }

    public String reject() {
        return decide(() -> listings.reject(UUID.fromString(listingId), reason), "listing.rejected");
    }

    private String decide(Runnable decision, String done) {
        var context = FacesContext.getCurrentInstance();
        try {
            if (listingId == null || listingId.isBlank()) {
                throw new io.picktartup.platform.entity.InvalidInputException("listing", "choose an application");
            }
            decision.run();
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        PageProblems.done(context, null, done, language.getLocale());
        return "/admin/listings?faces-redirect=true";
    }

    /** Sends a supporting document to the admin's browser. */
    public void download(String listing, String document) throws IOException {
        var context = FacesContext.getCurrentInstance();
        var doc = listings.document(UUID.fromString(listing), UUID.fromString(document));
        var external = context.getExternalContext();
        external.responseReset();
        external.setResponseContentType(doc.contentType());
        external.setResponseContentLength(doc.sizeBytes());
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"document-" + doc.position() + "\"");
        external.setResponseHeader("X-Content-Type-Options", "nosniff");
        try (var out = external.getResponseOutputStream()) {
            out.write(doc.content());
        }
        context.responseComplete();
    }

    public String getListingId() { return listingId; }
    public void setListingId(String listingId) { this.listingId = listingId; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}

package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import io.picktartup.startup.entity.ListingDocument;
import io.picktartup.startup.entity.StartupListing;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Optional;

/** Backing bean of /my/listing: the caller's application (status, reason) and the form to apply. */
@Named
@ViewScoped
public class ListingPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient StartupListings listings;

    @Inject
    Language language;

    private transient Optional<StartupListings.Detail> mine;
    private final ProfileForm profile = new ProfileForm();
    private String ceoName;
    private String walletAddress;
    private transient Part document;

    public Optional<StartupListings.Detail> mine() {
        if (mine == null) {
            mine = listings.mine();
        }
        return mine;
    }

    public StartupListings.Detail getApplication() {
        return mine().orElse(null);
    }

    /** The form is shown unless an application is open or was approved. */
    public boolean isMayApply() {
        return mine().map(d -> d.listing().status() == StartupListing.Status.REJECTED).orElse(true);
    }

    public ProfileForm getProfile() {
        return profile;
    }

    public String apply() {
        var context = FacesContext.getCurrentInstance();
        try {
            var uploads = new ArrayList<ListingDocument.Upload>();
            if (document != null && document.getSize() > 0) {
                if (document.getSize() > ListingDocument.SIZE_MAX) {
                    // not read into memory: the domain's rule, said before the bytes are taken
                    uploads.add(new ListingDocument.Upload(fileName(document), document.getContentType(),
                            new byte[ListingDocument.SIZE_MAX + 1]));
                } else {
                    try (var in = document.getInputStream()) {
                        uploads.add(new ListingDocument.Upload(fileName(document), document.getContentType(),
                                in.readAllBytes()));
                    }
                }
            }
            var profile = this.profile.profile();
            listings.apply(new StartupListing.Application(profile, ceoName, walletAddress), uploads);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        PageProblems.done(context, null, "listing.submitted", language.getLocale());
        return "/my/listing?faces-redirect=true";
    }

    private static String fileName(Part part) {
        String submitted = part.getSubmittedFileName();
        return submitted == null ? "document" : submitted.replaceAll(".*[/\\\\]", "");
    }

    public String getCeoName() { return ceoName; }
    public void setCeoName(String ceoName) { this.ceoName = ceoName; }
    public String getWalletAddress() { return walletAddress; }
    public void setWalletAddress(String walletAddress) { this.walletAddress = walletAddress; }
    public Part getDocument() { return document; }
    public void setDocument(Part document) { this.document = document; }
}

package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.ListingDocument;

import java.util.List;

/** A listing application as the API shows it: the application, its decision and its documents (without bytes). */
public record ListingView(String id, String accountId, String applicantEmail, String status, String name,
                          String nameEn, List<String> aliases, String pitch, String description, String sector,
                          String stage, String foundedOn, String website, String ceoName, String walletAddress,
                          List<DocumentView> documents, String reason, String startupId, String createdAt,
                          String decidedAt) {

    /** A supporting document: what it is and its SHA-256. */
    public record DocumentView(String id, String fileName, String contentType, int sizeBytes, String sha256) {

        static DocumentView of(ListingDocument d) {
            return new DocumentView(d.id().toString(), d.fileName(), d.contentType(), d.sizeBytes(), d.sha256());
        }
    }

    static ListingView of(StartupListings.Detail detail) {
        var l = detail.listing();
        var p = l.profile();
        return new ListingView(l.id().toString(), l.accountId().toString(), detail.applicantEmail(), l.status().name(),
                p.name(), p.nameEn(), p.aliases(), p.pitch(), p.description(), p.sector(), p.stage().name(),
                p.foundedOn().toString(), p.website(), l.ceoName(), l.walletAddress(),
                detail.documents().stream().map(DocumentView::of).toList(), l.reason().orElse(null),
                l.startupId().map(Object::toString).orElse(null), l.createdAt().toString(),
                l.decidedAt().map(Object::toString).orElse(null));
    }
}

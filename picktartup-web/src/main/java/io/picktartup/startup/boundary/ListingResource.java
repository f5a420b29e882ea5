package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.AccountIds;
import io.picktartup.platform.boundary.PathIds;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.startup.entity.ListingDocument;
import io.picktartup.startup.entity.StartupListing;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The caller's application to list their startup: apply, read it, fetch its documents. */
@Path("accounts/{id}/listing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Listing", description = "Applying to list a startup; an admin reviews the application")
@SecurityRequirement(name = "bearer")
public class ListingResource {

    /** An application: the startup's profile, its CEO, the wallet released funds go to, supporting documents. */
    public static class ListingApplyRequest extends StartupRequests.ProfileRequest {
        public String ceoName;
        public String walletAddress;
        public List<ListingDocumentRequest> documents;
    }

    /** A supporting document, its bytes in base64. */
    public static class ListingDocumentRequest {
        public String fileName;
        public String contentType;
        public String contentBase64;
    }

    @EJB
    StartupListings listings;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Your latest listing application and its decision")
    @APIResponse(responseCode = "404", description = "You have not applied")
    public ListingView mine(@PathParam("id") String id) {
        own(id);
        return listings.mine().map(ListingView::of).orElseThrow(() -> new NotFoundException("Listing", "yours"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply to list your startup: {name, nameEn?, aliases?, pitch, description, sector, stage, "
            + "foundedOn, website?, ceoName, walletAddress, documents?: [{fileName, contentType, contentBase64}]}")
    @APIResponse(responseCode = "201", description = "SUBMITTED: an admin reviews it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named (problem+json); nothing stored")
    @APIResponse(responseCode = "409", description = "listing.open-application, listing.admin-account, startup.name-taken")
    public Response apply(@PathParam("id") String id, @NotNull(message = "a JSON body is required") ListingApplyRequest body) {
        var owner = own(id);
        var problems = new ArrayList<InvalidInputException.Violation>();
        var uploads = new ArrayList<ListingDocument.Upload>();
        var documents = body.documents == null ? List.<ListingDocumentRequest>of() : body.documents;
        for (int i = 0; i < documents.size(); i++) {
            var d = documents.get(i);
            if (d == null) {
                uploads.add(null);
                continue;
            }
            byte[] content = null;
            try {
                content = d.contentBase64 == null ? null : Base64.getMimeDecoder().decode(d.contentBase64);
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidInputException.Violation("documents[" + i + "].contentBase64",
                        "must be base64"));
            }
            uploads.add(new ListingDocument.Upload(d.fileName, d.contentType, content));
        }
        // a date or stage that does not parse is absent here, and the domain names it with every other bad field
        var application = new StartupListing.Application(body.profile(null), body.ceoName, body.walletAddress);
        if (!problems.isEmpty()) { // undecodable documents: named with every other invalid field at once
            problems.addAll(application.problems(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul"))));
            for (int i = 0; i < uploads.size(); i++) {
                if (uploads.get(i) != null && uploads.get(i).content() != null) {
                    uploads.get(i).check(i, problems);
                }
            }
            InvalidInputException.refuseIfAny(problems);
        }
        var listing = ListingView.of(listings.apply(application, uploads));
        return Response.created(URI.create("/api/accounts/" + owner + "/listing")).entity(listing).build();
    }

    @GET
    @Path("documents/{documentId}")
    @Produces({"application/pdf", "image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(summary = "A supporting document of your latest application")
    @APIResponse(responseCode = "404", description = "No such document of yours")
    public Response document(@PathParam("id") String id, @PathParam("documentId") String documentId) {
        own(id);
        var listing = listings.mine().orElseThrow(() -> new NotFoundException("Listing", "yours")).listing();
        var document = listings.document(listing.id(), PathIds.uuid("Document", documentId));
        return Response.ok(document.content(), document.contentType())
                .header("Content-Disposition", "attachment; filename=\"document-" + document.position() + "\"")
                .build();
    }

    private java.util.UUID own(String id) {
        return Caller.requireOwner(security.getUserPrincipal(), "Account",
                AccountIds.resolve(id, security.getUserPrincipal()));
    }
}

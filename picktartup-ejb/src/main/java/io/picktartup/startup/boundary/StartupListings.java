package io.picktartup.startup.boundary;

import io.picktartup.account.boundary.AccountAdministration;
import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.Role;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.startup.entity.ListingDocument;
import io.picktartup.startup.entity.ListingMail;
import io.picktartup.startup.entity.ListingRefusedException;
import io.picktartup.startup.entity.StartupListing;
import io.picktartup.startup.entity.StartupNameTakenException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Listing a startup: a signed-in investor applies (profile, CEO, the wallet released funds go to, supporting
 * documents); an admin approves, which makes the applicant a STARTUP account and registers the startup in one
 * transaction (approving again changes nothing), or rejects with a reason. Either decision is mailed to the applicant
 * through the mail outbox, in the decision's transaction. Every step is audited.
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
public class StartupListings {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /** An application with its documents (without their bytes). */
    public record Detail(StartupListing listing, List<ListingDocument> documents, String applicantEmail) {
    }

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    StartupRegister register;

    @EJB
    AccountAdministration accounts;

    @Inject
    MailOutbox mails;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The caller applies; one open application per account, none for admins (they register startups directly). */
    @RolesAllowed({"INVESTOR", "STARTUP", "ADMIN"})
    public Detail apply(StartupListing.Application application, List<ListingDocument.Upload> documents) {
        UUID caller = caller();
        var now = clock.now();
        var problems = new ArrayList<>(application.problems(LocalDate.ofInstant(now, SEOUL)));
        var uploads = documents == null ? List.<ListingDocument.Upload>of() : documents;
        if (uploads.size() > ListingDocument.COUNT_MAX) {
            problems.add(new InvalidInputException.Violation("documents", "must be at most "
                    + ListingDocument.COUNT_MAX + " documents"));
        }
        for (int i = 0; i < uploads.size(); i++) {
            if (uploads.get(i) == null) {
                problems.add(new InvalidInputException.Violation("documents[" + i + "]", "must be a document"));
            } else {
                uploads.get(i).check(i, problems);
            }
        }
        InvalidInputException.refuseIfAny(problems);
        // the account's row lock serialises two applications sent at once: the second sees the first
        var account = em.find(Account.class, caller, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new NotFoundException("Account", caller);
        }
        if (account.role() == Role.ADMIN) {
            throw new ListingRefusedException("listing.admin-account",
                    "Administrators register startups directly; apply from the founder's own account.");
        }
        if (latest(caller).filter(StartupListing::isOpen).isPresent()) {
            throw new ListingRefusedException("listing.open-application",
                    "Your application is being reviewed already.");
        }
        String name = application.profile().name().strip();
        if (!em.createNativeQuery("select 1 from startup where lower(name) = lower(?1)").setParameter(1, name)
                .getResultList().isEmpty()) {
            throw new StartupNameTakenException(name);
        }
        var listing = new StartupListing(caller, application, now);
        em.persist(listing);
        for (int i = 0; i < uploads.size(); i++) {
            em.persist(new ListingDocument(listing.id(), i, uploads.get(i)));
        }
        audit.record(caller.toString(), "listing.submitted", "startup_listing", listing.id().toString(), null,
                listing.name() + ", wallet " + listing.walletAddress() + ", " + uploads.size() + " documents");
        return detail(listing);
    }

    /** The caller's latest application, if any. */
    @RolesAllowed({"INVESTOR", "STARTUP", "ADMIN"})
    public Optional<Detail> mine() {
        return latest(caller()).map(this::detail);
    }

    @RolesAllowed("ADMIN")
    public List<Detail> list(Optional<StartupListing.Status> status, int max) {
        var query = status.isPresent()
                ? em.createQuery("select l from StartupListing l where l.status = :status order by l.createdAt",
                        StartupListing.class).setParameter("status", status.get())
                : em.createQuery("select l from StartupListing l order by l.createdAt desc", StartupListing.class);
        return query.setMaxResults(Math.max(1, Math.min(max, 500))).getResultList().stream().map(this::detail).toList();
    }

    @RolesAllowed("ADMIN")
    public Detail find(UUID id) {
        return detail(load(id, false));
    }

    /** A document of an application: for admins, and for the applicant. */
    @RolesAllowed({"INVESTOR", "STARTUP", "ADMIN"})
    public ListingDocument document(UUID listingId, UUID documentId) {
        var listing = load(listingId, false);
        if (!context.isCallerInRole("ADMIN") && !Caller.accountId(context.getCallerPrincipal())
                .filter(listing.accountId()::equals).isPresent()) {
            throw new NotFoundException("Listing", listingId);
        }
        var document = em.find(ListingDocument.class, documentId);
        if (document == null || !document.listingId().equals(listingId)) {
            throw new NotFoundException("Document", documentId);
        }
        return document;
    }

    /**
     * Approves: the applicant becomes a STARTUP account (if an investor), the startup is registered with the
     * application's profile, CEO and wallet, and the applicant is mailed. Approving an approved application answers
     * it as it is; a rejected one is refused.
     */
    @RolesAllowed("ADMIN")
    public Detail approve(UUID id) {
        var listing = load(id, true);
        if (!listing.isOpen()) {
            listing.approve(null, admin(), clock.now()); // approved already: no change; rejected: refused
            return detail(listing);
        }
        var applicant = em.find(Account.class, listing.accountId());
        if (applicant.role() == Role.INVESTOR) {
            accounts.assignRole(applicant.id(), Role.STARTUP);
        }
        var startup = register.register(listing.profile(), applicant.id().toString(), listing.walletAddress());
        listing.approve(startup.id(), admin(), clock.now());
        var mail = ListingMail.approved(listing.ceoName(), listing.name());
        mails.queue("listing-approved:" + id, applicant.email(), mail.subject(), mail.body());
        audit.record(admin(), "listing.approved", "startup_listing", id.toString(), "SUBMITTED",
                "APPROVED as startup " + startup.id());
        return detail(listing);
    }

    @RolesAllowed("ADMIN")
    public Detail reject(UUID id, String reason) {
        var listing = load(id, true);
        listing.reject(reason, admin(), clock.now());
        var applicant = em.find(Account.class, listing.accountId());
        var mail = ListingMail.rejected(listing.ceoName(), listing.name(), listing.reason().orElseThrow());
        mails.queue("listing-rejected:" + id, applicant.email(), mail.subject(), mail.body());
        audit.record(admin(), "listing.rejected", "startup_listing", id.toString(), "SUBMITTED",
                "REJECTED: " + listing.reason().orElseThrow());
        return detail(listing);
    }

    private Detail detail(StartupListing listing) {
        var documents = em.createQuery("select d from ListingDocument d where d.listingId = :id order by d.position",
                ListingDocument.class).setParameter("id", listing.id()).getResultList();
        var applicant = em.find(Account.class, listing.accountId());
        return new Detail(listing, documents, applicant == null ? "" : applicant.email());
    }

    private StartupListing load(UUID id, boolean lock) {
        var listing = lock ? em.find(StartupListing.class, id, LockModeType.PESSIMISTIC_WRITE)
                : em.find(StartupListing.class, id);
        if (listing == null) {
            throw new NotFoundException("Listing", id);
        }
        return listing;
    }

    private Optional<StartupListing> latest(UUID accountId) {
        return em.createQuery("select l from StartupListing l where l.accountId = :account order by l.createdAt desc",
                        StartupListing.class)
                .setParameter("account", accountId).setMaxResults(1).getResultStream().findFirst();
    }

    private String admin() {
        return Caller.actor(context.getCallerPrincipal());
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
    }
}

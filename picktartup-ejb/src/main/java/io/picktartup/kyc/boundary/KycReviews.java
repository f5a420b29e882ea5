package io.picktartup.kyc.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ShareCalls;
import io.picktartup.kyc.control.IdentityProvider;
import io.picktartup.kyc.entity.KycRefusedException;
import io.picktartup.kyc.entity.KycReview;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.entity.Wallet;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * KYC: an investor submits their identity (it goes to the provider, only the applicant id and the answer are kept);
 * an admin approves a GREEN check at a level, which queues {@code setLevel(wallet, identity, level)} on the
 * eligibility registry through the chain outbox, or rejects it with a reason. An account's level is its latest
 * approved review's. Share tokens accept transfers only between wallets at level 1 or more.
 */
@Stateless
public class KycReviews {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    IdentityProvider provider;

    @Inject
    ChainOutbox outbox;

    @Inject
    ChainSettings settings;

    @Inject
    ShareCalls shareCalls;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Submits the caller's identity; one open review at a time. */
    public KycReview submit(String fullName, String birthDate, String documentNumber) {
        UUID caller = caller();
        var problems = new ArrayList<InvalidInputException.Violation>();
        if (fullName == null || fullName.isBlank() || fullName.length() > 200) {
            problems.add(InvalidInputException.Violation.of("fullName", FieldRule.REQUIRED_AT_MOST, 200));
        }
        LocalDate born = null;
        try {
            born = birthDate == null ? null : LocalDate.parse(birthDate.trim());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (born == null || born.isAfter(LocalDate.now().minusYears(18)) || born.isBefore(LocalDate.of(1900, 1, 1))) {
            problems.add(InvalidInputException.Violation.of("birthDate", FieldRule.ADULT_BIRTH_DATE));
        }
        if (documentNumber == null || !documentNumber.trim().matches("[A-Za-z0-9-]{6,40}")) {
            problems.add(InvalidInputException.Violation.of("documentNumber", FieldRule.DOCUMENT_NUMBER));
        }
        InvalidInputException.refuseIfAny(problems);
        var wallet = em.find(Wallet.class, caller, LockModeType.PESSIMISTIC_WRITE);
        if (wallet == null) {
            throw new NotFoundException("Wallet", caller);
        }
        if (latest(caller).filter(r -> r.status() == KycReview.Status.SUBMITTED).isPresent()) {
            throw new KycRefusedException("kyc.open-review", "Your identity is being reviewed already.");
        }
        String applicant = provider.createApplicant(new IdentityProvider.Applicant(caller, fullName.strip(), born,
                documentNumber.trim()));
        var review = new KycReview(caller, wallet.address().value(), provider.name(), applicant,
                provider.reviewAnswer(applicant), clock.now());
        em.persist(review);
        audit.record(caller.toString(), "kyc.submitted", "kyc_review", review.id().toString(), null,
                "SUBMITTED to " + provider.name() + ", answer " + review.providerAnswer());
        return review;
    }

    /** The caller's latest review, if any. */
    public Optional<KycReview> mine() {
        return latest(caller());
    }

    /** The account's KYC level: its latest approved review's, else 0. */
    public int levelOf(UUID accountId) {
        return em.createQuery("""
                        select r from KycReview r where r.accountId = :account and r.status = :approved
                        order by r.decidedAt desc""", KycReview.class)
                .setParameter("account", accountId).setParameter("approved", KycReview.Status.APPROVED)
                .setMaxResults(1).getResultStream().findFirst().map(KycReview::level).orElse(0);
    }

    @RolesAllowed("ADMIN")
    public List<KycReview> list(Optional<KycReview.Status> status, int max) {
        var query = status.isPresent()
                ? em.createQuery("select r from KycReview r where r.status = :status order by r.createdAt",
                        KycReview.class).setParameter("status", status.get())
                : em.createQuery("select r from KycReview r order by r.createdAt", KycReview.class);
        return query.setMaxResults(Math.max(1, Math.min(max, 500))).getResultList();
    }

    /** Approves a GREEN review at {@code level} and queues the level for the account's wallet on chain. */
    @RolesAllowed("ADMIN")
    public KycReview approve(UUID reviewId, int level) {
        String registry = settings.eligibilityRegistryAddress().orElseThrow(
                () -> new UnavailableException("chain.unavailable", "No eligibility registry is configured."));
        var review = find(reviewId);
        String admin = Caller.actor(context.getCallerPrincipal());
        review.approve(level, admin, clock.now());
        outbox.enqueue(review.eligibilityIntent(), registry, shareCalls.setLevel(review.walletAddress(),
                ShareCalls.identity(review.accountId()), level), ShareCalls.SET_LEVEL_GAS);
        audit.record(admin, "kyc.approved", "kyc_review", reviewId.toString(), "SUBMITTED",
                "APPROVED at level " + level + " for " + review.walletAddress());
        return review;
    }

    @RolesAllowed("ADMIN")
    public KycReview reject(UUID reviewId, String reason) {
        var review = find(reviewId);
        String admin = Caller.actor(context.getCallerPrincipal());
        review.reject(reason, admin, clock.now());
        audit.record(admin, "kyc.rejected", "kyc_review", reviewId.toString(), "SUBMITTED", "REJECTED");
        return review;
    }

    private KycReview find(UUID reviewId) {
        var review = em.find(KycReview.class, reviewId, LockModeType.PESSIMISTIC_WRITE);
        if (review == null) {
            throw new NotFoundException("KYC review", reviewId);
        }
        return review;
    }

    private Optional<KycReview> latest(UUID accountId) {
        return em.createQuery("select r from KycReview r where r.accountId = :account order by r.createdAt desc",
                        KycReview.class)
                .setParameter("account", accountId).setMaxResults(1).getResultStream().findFirst();
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
    }
}

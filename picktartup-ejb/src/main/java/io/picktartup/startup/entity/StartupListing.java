package io.picktartup.startup.entity;

import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An account's application to list its startup: the profile investors will read, the CEO's name, the wallet that
 * receives released funds, and supporting documents ({@link ListingDocument}). Lifecycle: SUBMITTED → APPROVED (the
 * applicant becomes a STARTUP account, the startup is registered; approving again changes nothing) or REJECTED (with
 * the reason the applicant is mailed). One SUBMITTED application per account; a rejected applicant may apply again.
 */
@Entity
@Table(name = "startup_listing")
public class StartupListing {

    public enum Status { SUBMITTED, APPROVED, REJECTED }

    public static final int CEO_NAME_MAX = 100;
    public static final int REASON_MAX = 500;

    /** What the applicant sends; every invalid field is reported at once. */
    public record Application(Startup.Profile profile, String ceoName, String walletAddress) {

        public List<InvalidInputException.Violation> problems(LocalDate today) {
            var problems = new ArrayList<>(profile.problems(today));
            if (ceoName == null || ceoName.isBlank()) {
                problems.add(new InvalidInputException.Violation("ceoName", "must be given"));
            } else if (ceoName.strip().length() > CEO_NAME_MAX) {
                problems.add(new InvalidInputException.Violation("ceoName", "must be at most " + CEO_NAME_MAX
                        + " characters"));
            }
            try {
                new WalletAddress(walletAddress);
            } catch (InvalidInputException e) {
                problems.add(new InvalidInputException.Violation("walletAddress", e.getMessage()));
            }
            return problems;
        }
    }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(nullable = false, updatable = false, length = Startup.NAME_MAX)
    private String name;

    @Column(name = "name_en", updatable = false, length = Startup.NAME_MAX)
    private String nameEn;

    @Column(nullable = false, updatable = false, length = Startup.ALIASES_MAX)
    private String aliases;

    @Column(nullable = false, updatable = false, length = Startup.PITCH_MAX)
    private String pitch;

    @Column(nullable = false, updatable = false)
    private String description;

    @Column(nullable = false, updatable = false, length = Startup.SECTOR_MAX)
    private String sector;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 20)
    private Stage stage;

    @Column(name = "founded_on", nullable = false, updatable = false)
    private LocalDate foundedOn;

    @Column(updatable = false, length = Startup.WEBSITE_MAX)
    private String website;

    @Column(name = "ceo_name", nullable = false, updatable = false, length = CEO_NAME_MAX)
    private String ceoName;

    @Column(name = "wallet_address", nullable = false, updatable = false, length = 42)
    private String walletAddress;

    @Column(length = REASON_MAX)
    private String reason;

    @Column(name = "decided_by", length = 100)
    private String decidedBy;

    @Column(name = "startup_id")
    private UUID startupId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected StartupListing() {
    }

    /** A valid application (check {@link Application#problems} first). */
    public StartupListing(UUID accountId, Application application, Instant now) {
        var profile = application.profile();
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.status = Status.SUBMITTED;
        this.name = profile.name().strip();
        this.nameEn = profile.nameEn();
        this.aliases = String.join(",", profile.aliases());
        this.pitch = profile.pitch().strip();
        this.description = profile.description().strip();
        this.sector = profile.sector().strip();
        this.stage = profile.stage();
        this.foundedOn = profile.foundedOn();
        this.website = profile.website();
        this.ceoName = application.ceoName().strip();
        this.walletAddress = new WalletAddress(application.walletAddress()).value();
        this.createdAt = now;
    }

    /**
     * SUBMITTED → APPROVED, registered as {@code startup}. Returns false when it was approved already (approval is
     * idempotent: nothing happens twice); a rejected application cannot be approved.
     */
    public boolean approve(UUID startup, String admin, Instant now) {
        if (status == Status.APPROVED) {
            return false;
        }
        requireSubmitted();
        this.status = Status.APPROVED;
        this.startupId = startup;
        this.decidedBy = admin;
        this.decidedAt = now;
        return true;
    }

    /** SUBMITTED → REJECTED with the reason the applicant reads. */
    public void reject(String reason, String admin, Instant now) {
        requireSubmitted();
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "must be given: the applicant reads it");
        }
        if (reason.strip().length() > REASON_MAX) {
            throw new InvalidInputException("reason", "must be at most " + REASON_MAX + " characters");
        }
        this.reason = reason.strip();
        this.status = Status.REJECTED;
        this.decidedBy = admin;
        this.decidedAt = now;
    }

    /** Whether approving would register the startup now (it is still open). */
    public boolean isOpen() {
        return status == Status.SUBMITTED;
    }

    private void requireSubmitted() {
        if (status != Status.SUBMITTED) {
            throw new ListingRefusedException("listing.decided", "This application was decided already (" + status + ").");
        }
    }

    public Startup.Profile profile() {
        return new Startup.Profile(name, nameEn, aliases.isEmpty() ? List.of() : Arrays.asList(aliases.split(",")),
                pitch, description, sector, stage, foundedOn, website);
    }

    public UUID id() { return id; }
    public UUID accountId() { return accountId; }
    public Status status() { return status; }
    public String name() { return name; }
    public String ceoName() { return ceoName; }
    public String walletAddress() { return walletAddress; }
    public Optional<String> reason() { return Optional.ofNullable(reason); }
    public Optional<String> decidedBy() { return Optional.ofNullable(decidedBy); }
    public Optional<UUID> startupId() { return Optional.ofNullable(startupId); }
    public Instant createdAt() { return createdAt; }
    public Optional<Instant> decidedAt() { return Optional.ofNullable(decidedAt); }
}

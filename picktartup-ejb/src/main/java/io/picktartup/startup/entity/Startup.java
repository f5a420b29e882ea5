package io.picktartup.startup.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A startup that raises money on the platform. Its CEO is a STARTUP account; its wallet is where a successful
 * round's funds are released, fixed into each round's escrow when the round opens. Its profile is what investors
 * read first; the CEO or an admin keeps it current ({@link #revise}), and every change is audited field by field.
 * Its team ({@link TeamMember}), monthly figures ({@link Figure}) and outside rounds ({@link ExternalRound}) are
 * rows of their own keyed by the startup. {@code ssiOverall} is a copy of the latest Startup Success Index, written
 * by the scoring job, so that search can filter and sort on it.
 */
@Entity
@Table(name = "startup")
public class Startup {

    public static final int NAME_MAX = 120;
    public static final int PITCH_MAX = 200;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int SECTOR_MAX = 60;
    public static final int ALIASES_MAX = 500;
    public static final int WEBSITE_MAX = 300;

    @Id
    private UUID id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(name = "name_en", length = NAME_MAX)
    private String nameEn;

    /** Other names the press uses, comma separated (news matching and search read them). */
    @Column(nullable = false, length = ALIASES_MAX)
    private String aliases;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Stage stage;

    @Column(length = WEBSITE_MAX)
    private String website;

    @Column(name = "ssi_overall", insertable = false, updatable = false)
    private java.math.BigDecimal ssiOverall;

    @Column(nullable = false, length = PITCH_MAX)
    private String pitch;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false, length = SECTOR_MAX)
    private String sector;

    @Column(name = "founded_on", nullable = false)
    private LocalDate foundedOn;

    @Column(name = "ceo_account_id", nullable = false)
    private UUID ceoAccountId;

    @Column(name = "ceo_name", nullable = false, length = 100)
    private String ceoName;

    @Column(name = "ceo_email", nullable = false, length = 320)
    private String ceoEmail;

    @Column(name = "wallet_address", nullable = false, length = 42)
    private String walletAddress;

    @Column(name = "value_per_share_krw")
    private Long valuePerShareKrw;

    @Column(name = "valued_at")
    private Instant valuedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Startup() {
    }

    /** The profile as a CEO or an admin enters it; every invalid field is reported at once. */
    public record Profile(String name, String nameEn, List<String> aliases, String pitch, String description,
                          String sector, Stage stage, LocalDate foundedOn, String website) {

        public Profile {
            aliases = aliases == null ? List.of()
                    : aliases.stream().filter(Objects::nonNull).map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
            nameEn = blankToNull(nameEn);
            website = blankToNull(website);
        }

        public List<InvalidInputException.Violation> problems(LocalDate today) {
            var problems = new ArrayList<InvalidInputException.Violation>();
            text(problems, "name", name, NAME_MAX);
            if (nameEn != null && length(nameEn) > NAME_MAX) {
                problems.add(InvalidInputException.Violation.of("nameEn", FieldRule.MAX_LENGTH, NAME_MAX));
            }
            for (int i = 0; i < aliases.size(); i++) {
                if (aliases.get(i).contains(",")) {
                    problems.add(InvalidInputException.Violation.of("aliases[" + i + "]", FieldRule.NO_COMMA));
                } else if (length(aliases.get(i)) > NAME_MAX) {
                    problems.add(InvalidInputException.Violation.of("aliases[" + i + "]", FieldRule.MAX_LENGTH, NAME_MAX));
                }
            }
            if (String.join(",", aliases).length() > ALIASES_MAX) {
                problems.add(InvalidInputException.Violation.of("aliases", FieldRule.MAX_LENGTH_TOGETHER, ALIASES_MAX));
            }
            text(problems, "pitch", pitch, PITCH_MAX);
            text(problems, "description", description, DESCRIPTION_MAX);
            text(problems, "sector", sector, SECTOR_MAX);
            if (stage == null) {
                problems.add(InvalidInputException.Violation.of("stage", FieldRule.ONE_OF, Stage.names()));
            }
            if (foundedOn == null) {
                problems.add(InvalidInputException.Violation.of("foundedOn", FieldRule.DATE));
            } else if (foundedOn.isAfter(today)) {
                problems.add(InvalidInputException.Violation.of("foundedOn", FieldRule.NOT_FUTURE));
            }
            if (website != null && (length(website) > WEBSITE_MAX || !website.matches("https?://[^\\s/]+\\.[^\\s]+"))) {
                problems.add(InvalidInputException.Violation.of("website", FieldRule.WEBSITE, WEBSITE_MAX));
            }
            return problems;
        }

        private static void text(List<InvalidInputException.Violation> problems, String field, String value, int max) {
            if (value == null || value.isBlank()) {
                problems.add(InvalidInputException.Violation.of(field, FieldRule.REQUIRED));
            } else if (length(value) > max) {
                problems.add(InvalidInputException.Violation.of(field, FieldRule.MAX_LENGTH, max));
            }
        }

        private static int length(String value) {
            var stripped = value.strip();
            return stripped.codePointCount(0, stripped.length());
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** One changed field of a revision, for the audit trail. */
    public record Change(String field, String from, String to) {
    }

    public Startup(UUID id, Profile profile, UUID ceoAccountId, String ceoName, String ceoEmail, String walletAddress,
                   Instant now) {
        this.id = Objects.requireNonNull(id);
        apply(profile);
        this.ceoAccountId = Objects.requireNonNull(ceoAccountId);
        this.ceoName = Objects.requireNonNull(ceoName);
        this.ceoEmail = Objects.requireNonNull(ceoEmail);
        this.walletAddress = Objects.requireNonNull(walletAddress);
        this.createdAt = now;
        this.updatedAt = now;
    }

    private void apply(Profile profile) {
        this.name = profile.name().strip();
        this.nameEn = profile.nameEn();
        this.aliases = String.join(",", profile.aliases());
        this.pitch = profile.pitch().strip();
        this.description = profile.description().strip();
        this.sector = profile.sector().strip();
        this.stage = profile.stage();
        this.foundedOn = profile.foundedOn();
        this.website = profile.website();
    }

    /** The profile as it stands, in the shape a revision takes. */
    public Profile profile() {
        return new Profile(name, nameEn, aliases(), pitch, description, sector, stage, foundedOn, website);
    }

    /**
     * Replaces the profile with a valid revision (the caller checked {@link Profile#problems}) and returns what
     * changed, field by field; nothing when the revision equals the profile.
     */
    public List<Change> revise(Profile revision, Instant now) {
        var before = profile();
        var changes = new ArrayList<Change>();
        compare(changes, "name", before.name(), revision.name().strip());
        compare(changes, "nameEn", before.nameEn(), revision.nameEn());
        compare(changes, "aliases", String.join(",", before.aliases()), String.join(",", revision.aliases()));
        compare(changes, "pitch", before.pitch(), revision.pitch().strip());
        compare(changes, "description", before.description(), revision.description().strip());
        compare(changes, "sector", before.sector(), revision.sector().strip());
        compare(changes, "stage", String.valueOf(before.stage()), String.valueOf(revision.stage()));
        compare(changes, "foundedOn", String.valueOf(before.foundedOn()), String.valueOf(revision.foundedOn()));
        compare(changes, "website", before.website(), revision.website());
        if (!changes.isEmpty()) {
            apply(revision);
            this.updatedAt = now;
        }
        return changes;
    }

    private static void compare(List<Change> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from, to));
        }
    }

    /** An admin values a share (won); returns the previous value, if any, for the audit trail. */
    public java.util.OptionalLong value(long perShareKrw, Instant now) {
        if (perShareKrw <= 0) {
            throw new InvalidInputException("valuePerShareKrw", FieldRule.POSITIVE_WON);
        }
        var old = valuePerShareKrw == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(valuePerShareKrw);
        this.valuePerShareKrw = perShareKrw;
        this.valuedAt = now;
        this.updatedAt = now;
        return old;
    }

    public java.util.OptionalLong valuePerShareKrw() {
        return valuePerShareKrw == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(valuePerShareKrw);
    }

    public boolean isLedBy(UUID accountId) {
        return ceoAccountId.equals(accountId);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public java.util.Optional<String> nameEn() {
        return java.util.Optional.ofNullable(nameEn);
    }

    public List<String> aliases() {
        return aliases == null || aliases.isEmpty() ? List.of() : List.of(aliases.split(","));
    }

    public Stage stage() {
        return stage;
    }

    public java.util.Optional<String> website() {
        return java.util.Optional.ofNullable(website);
    }

    /** The latest SSI overall score; empty until scored or while there is not enough data. */
    public java.util.Optional<java.math.BigDecimal> ssiOverall() {
        return java.util.Optional.ofNullable(ssiOverall);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String pitch() {
        return pitch;
    }

    public String description() {
        return description;
    }

    public String sector() {
        return sector;
    }

    public LocalDate foundedOn() {
        return foundedOn;
    }

    public UUID ceoAccountId() {
        return ceoAccountId;
    }

    public String ceoName() {
        return ceoName;
    }

    public String ceoEmail() {
        return ceoEmail;
    }

    public String walletAddress() {
        return walletAddress;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

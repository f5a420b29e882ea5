package io.picktartup.startup.entity;

import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
 * round's funds are released, fixed into each round's escrow when the round opens. The information platform
 * (figures, team, news, SSI) hangs off this aggregate later.
 */
@Entity
@Table(name = "startup")
public class Startup {

    public static final int NAME_MAX = 120;
    public static final int PITCH_MAX = 200;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int SECTOR_MAX = 60;

    @Id
    private UUID id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

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

    /** The profile as an admin enters it; every invalid field is reported at once. */
    public record Profile(String name, String pitch, String description, String sector, LocalDate foundedOn) {

        public List<InvalidInputException.Violation> problems(LocalDate today) {
            var problems = new ArrayList<InvalidInputException.Violation>();
            text(problems, "name", name, NAME_MAX);
            text(problems, "pitch", pitch, PITCH_MAX);
            text(problems, "description", description, DESCRIPTION_MAX);
            text(problems, "sector", sector, SECTOR_MAX);
            if (foundedOn == null) {
                problems.add(new InvalidInputException.Violation("foundedOn", "must be a date (yyyy-mm-dd)"));
            } else if (foundedOn.isAfter(today)) {
                problems.add(new InvalidInputException.Violation("foundedOn", "must not be in the future"));
            }
            return problems;
        }

        private static void text(List<InvalidInputException.Violation> problems, String field, String value, int max) {
            if (value == null || value.isBlank()) {
                problems.add(new InvalidInputException.Violation(field, "must be given"));
            } else if (value.strip().codePointCount(0, value.strip().length()) > max) {
                problems.add(new InvalidInputException.Violation(field, "must be at most " + max + " characters"));
            }
        }
    }

    public Startup(UUID id, Profile profile, UUID ceoAccountId, String ceoName, String ceoEmail, String walletAddress,
                   Instant now) {
        this.id = Objects.requireNonNull(id);
        this.name = profile.name().strip();
        this.pitch = profile.pitch().strip();
        this.description = profile.description().strip();
        this.sector = profile.sector().strip();
        this.foundedOn = profile.foundedOn();
        this.ceoAccountId = Objects.requireNonNull(ceoAccountId);
        this.ceoName = Objects.requireNonNull(ceoName);
        this.ceoEmail = Objects.requireNonNull(ceoEmail);
        this.walletAddress = Objects.requireNonNull(walletAddress);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** An admin values a share (won); returns the previous value, if any, for the audit trail. */
    public java.util.OptionalLong value(long perShareKrw, Instant now) {
        if (perShareKrw <= 0) {
            throw new InvalidInputException("valuePerShareKrw", "must be a positive number of won");
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

package io.picktartup.startup.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One person of a startup's team as the startup presents it; the team is replaced as a whole, in order. */
@Entity
@Table(name = "startup_member")
public class TeamMember {

    public static final int NAME_MAX = 100;
    public static final int ROLE_MAX = 100;
    public static final int BIO_MAX = 500;
    public static final int TEAM_MAX = 50;

    @Id
    private UUID id;

    @Column(name = "startup_id", nullable = false, updatable = false)
    private UUID startupId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = ROLE_MAX)
    private String role;

    @Column(name = "joined_on")
    private LocalDate joinedOn;

    @Column(length = BIO_MAX)
    private String bio;

    protected TeamMember() {
    }

    /** A member as entered; {@link #problems} names what is wrong, with the list index in the field path. */
    public record Entry(String name, String role, LocalDate joinedOn, String bio) {

        public void check(int index, LocalDate today, List<InvalidInputException.Violation> problems) {
            String at = "team[" + index + "].";
            text(problems, at + "name", name, NAME_MAX, true);
            text(problems, at + "role", role, ROLE_MAX, true);
            text(problems, at + "bio", bio, BIO_MAX, false);
            if (joinedOn != null && joinedOn.isAfter(today)) {
                problems.add(InvalidInputException.Violation.of(at + "joinedOn", FieldRule.NOT_FUTURE));
            }
        }

        /** How the audit trail shows the member. */
        public String describe() {
            return name.strip() + " (" + role.strip() + (joinedOn == null ? "" : ", since " + joinedOn) + ")";
        }
    }

    static void text(List<InvalidInputException.Violation> problems, String field, String value, int max,
                     boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(InvalidInputException.Violation.of(field, FieldRule.REQUIRED));
            }
        } else if (value.strip().codePointCount(0, value.strip().length()) > max) {
            problems.add(InvalidInputException.Violation.of(field, FieldRule.MAX_LENGTH, max));
        }
    }

    public TeamMember(UUID startupId, int position, Entry entry) {
        this.id = UUID.randomUUID();
        this.startupId = Objects.requireNonNull(startupId);
        this.position = position;
        this.name = entry.name().strip();
        this.role = entry.role().strip();
        this.joinedOn = entry.joinedOn();
        this.bio = entry.bio() == null || entry.bio().isBlank() ? null : entry.bio().strip();
    }

    public Entry entry() {
        return new Entry(name, role, joinedOn, bio);
    }

    public int position() {
        return position;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    public Optional<LocalDate> joinedOn() {
        return Optional.ofNullable(joinedOn);
    }

    public Optional<String> bio() {
        return Optional.ofNullable(bio);
    }
}

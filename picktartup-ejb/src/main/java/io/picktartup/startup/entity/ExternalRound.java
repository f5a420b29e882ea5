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
import java.util.UUID;

/** A round a startup raised outside Picktartup (angels, VCs, grants), for its funding history. */
@Entity
@Table(name = "external_funding")
public class ExternalRound {

    @Id
    private UUID id;

    @Column(name = "startup_id", nullable = false, updatable = false)
    private UUID startupId;

    @Column(name = "round_name", nullable = false, length = 60)
    private String roundName;

    @Column(name = "announced_on", nullable = false)
    private LocalDate announcedOn;

    @Column(name = "amount_krw", nullable = false)
    private long amountKrw;

    @Column(nullable = false, length = 300)
    private String investors;

    protected ExternalRound() {
    }

    /** A round as entered. */
    public record Entry(String roundName, LocalDate announcedOn, Long amountKrw, String investors) {

        public List<InvalidInputException.Violation> problems(LocalDate today) {
            var problems = new java.util.ArrayList<InvalidInputException.Violation>();
            TeamMember.text(problems, "roundName", roundName, 60, true);
            TeamMember.text(problems, "investors", investors, 300, false);
            if (announcedOn == null) {
                problems.add(InvalidInputException.Violation.of("announcedOn", FieldRule.DATE));
            } else if (announcedOn.isAfter(today)) {
                problems.add(InvalidInputException.Violation.of("announcedOn", FieldRule.NOT_FUTURE));
            }
            if (amountKrw == null || amountKrw <= 0 || amountKrw > Figure.Month.MONEY_MAX) {
                problems.add(InvalidInputException.Violation.of("amountKrw", FieldRule.POSITIVE_WON));
            }
            return problems;
        }
    }

    public ExternalRound(UUID startupId, Entry entry) {
        this.id = UUID.randomUUID();
        this.startupId = Objects.requireNonNull(startupId);
        this.roundName = entry.roundName().strip();
        this.announcedOn = entry.announcedOn();
        this.amountKrw = entry.amountKrw();
        this.investors = entry.investors() == null ? "" : entry.investors().strip();
    }

    public String describe() {
        return roundName + " on " + announcedOn + ", " + amountKrw + " KRW" + (investors.isEmpty() ? "" : " from " + investors);
    }

    public UUID id() {
        return id;
    }

    public UUID startupId() {
        return startupId;
    }

    public String roundName() {
        return roundName;
    }

    public LocalDate announcedOn() {
        return announcedOn;
    }

    public long amountKrw() {
        return amountKrw;
    }

    public String investors() {
        return investors;
    }
}

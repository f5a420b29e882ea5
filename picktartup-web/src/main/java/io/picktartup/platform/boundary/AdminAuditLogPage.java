package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.AuditEvent;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backing bean of the admins' audit log: the trail filtered by actor, subject type and id, and days (UTC, from the
 * first day to the last, both included), paged; the filter is in the address, so a filtered view can be shared.
 * A malformed day or a range ending before it begins names the field and shows nothing.
 */
@Named
@RequestScoped
public class AdminAuditLogPage {

    static final int PAGE_SIZE = 50;

    @EJB
    AuditLog log;

    @Inject
    Language language;

    private String actor;
    private String type;
    private String subject;
    private String from;
    private String to;
    private int page;
    private List<AuditEvent> events = List.of();

    /** Runs the search (a view action, so a refusal reaches the page's messages). */
    public void load() {
        var violations = new ArrayList<InvalidInputException.Violation>();
        var start = day("from", from, violations);
        var end = day("to", to, violations).map(d -> d.plusDays(1));
        try {
            InvalidInputException.refuseIfAny(violations);
            events = log.search(new AuditLog.Filter(text(actor), text(type), text(subject),
                    start.map(d -> d.atStartOfDay().toInstant(ZoneOffset.UTC)),
                    end.map(d -> d.atStartOfDay().toInstant(ZoneOffset.UTC))), Math.max(0, page), PAGE_SIZE);
        } catch (RuntimeException e) {
            if (!PageProblems.show(FacesContext.getCurrentInstance(), null, e, language.getLocale())) {
                throw e;
            }
            events = List.of();
        }
    }

    private static Optional<LocalDate> day(String field, String value, List<InvalidInputException.Violation> violations) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            violations.add(InvalidInputException.Violation.of(field, io.picktartup.platform.entity.FieldRule.DATE));
            return Optional.empty();
        }
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public List<AuditEvent> getEvents() {
        return events;
    }

    public boolean isMore() {
        return events.size() == PAGE_SIZE;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }
}

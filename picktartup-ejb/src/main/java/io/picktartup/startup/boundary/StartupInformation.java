package io.picktartup.startup.boundary;

import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.startup.entity.ExternalRound;
import io.picktartup.startup.entity.Figure;
import io.picktartup.startup.entity.NotYourStartupException;
import io.picktartup.startup.entity.Startup;
import io.picktartup.startup.control.FigureCsv;
import io.picktartup.startup.control.SearchVector;
import io.picktartup.startup.entity.StartupNameTakenException;
import io.picktartup.startup.entity.TeamMember;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * The startup information investors read, kept current by the startup's CEO or an admin. Every change is audited
 * field by field (who, when, old → new), refreshes the startup's search vector in the same transaction, and a
 * change with any invalid field changes nothing.
 */
@Stateless
public class StartupInformation {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final int AUDIT_VALUE_MAX = 4000;
    private static final int FIGURES_MAX = 600;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    SearchVector searchVector;

    @Inject
    PicktartupRounds picktartupRounds;

    @PermitAll
    public StartupDetail detail(UUID id) {
        var startup = em.find(Startup.class, id);
        if (startup == null) {
            throw new NotFoundException("Startup", id);
        }
        var team = em.createQuery("select m from TeamMember m where m.startupId = :id order by m.position",
                TeamMember.class).setParameter("id", id).getResultList();
        var figures = em.createQuery("select f from Figure f where f.startupId = :id order by f.period", Figure.class)
                .setParameter("id", id).getResultList().stream().map(Figure::month).toList();
        var history = new ArrayList<StartupDetail.Funding>(picktartupRounds.of(id));
        em.createQuery("select r from ExternalRound r where r.startupId = :id", ExternalRound.class)
                .setParameter("id", id).getResultList().forEach(r -> history.add(StartupDetail.outside(r)));
        history.sort(Comparator.comparing(StartupDetail.Funding::date).reversed());
        return new StartupDetail(startup, team, figures, history);
    }

    /** Replaces the profile; renaming onto another startup's name is refused. */
    @RolesAllowed({"STARTUP", "ADMIN"})
    public StartupDetail reviseProfile(UUID id, Startup.Profile revision) {
        var startup = editable(id);
        InvalidInputException.refuseIfAny(revision.problems(today()));
        boolean taken = !em.createNativeQuery("select 1 from startup where lower(name) = lower(?1) and id <> ?2")
                .setParameter(1, revision.name().strip()).setParameter(2, id).getResultList().isEmpty();
        if (taken) {
            throw new StartupNameTakenException(revision.name().strip());
        }
        for (var change : startup.revise(revision, clock.now())) {
            audit.record(actor(), "startup.profile." + change.field(), "startup", id.toString(), clip(change.from()),
                    clip(change.to()));
        }
        searchVector.refresh(id);
        return detail(id);
    }

    /** Replaces the team with the given members, in order. */
    @RolesAllowed({"STARTUP", "ADMIN"})
    public StartupDetail replaceTeam(UUID id, List<TeamMember.Entry> members) {
        editable(id);
        var problems = new ArrayList<InvalidInputException.Violation>();
        if (members == null) {
            problems.add(new InvalidInputException.Violation("team", "must be a list of members"));
        } else {
            if (members.size() > TeamMember.TEAM_MAX) {
                problems.add(new InvalidInputException.Violation("team", "must have at most " + TeamMember.TEAM_MAX
                        + " members"));
            }
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i) == null) {
                    problems.add(new InvalidInputException.Violation("team[" + i + "]", "must be a member"));
                } else {
                    members.get(i).check(i, today(), problems);
                }
            }
        }
        InvalidInputException.refuseIfAny(problems);
        var current = em.createQuery("select m from TeamMember m where m.startupId = :id order by m.position",
                TeamMember.class).setParameter("id", id).getResultList();
        String before = describe(current.stream().map(TeamMember::entry).toList());
        String after = describe(members);
        if (!before.equals(after)) {
            current.forEach(em::remove);
            em.flush(); // the (startup, position) key is reused by the new team
            for (int i = 0; i < members.size(); i++) {
                em.persist(new TeamMember(id, i, members.get(i)));
            }
            audit.record(actor(), "startup.team", "startup", id.toString(), clip(before), clip(after));
            searchVector.refresh(id);
        }
        return detail(id);
    }

    /** Records monthly figures: each month given replaces that month's report; other months stay as they are. */
    @RolesAllowed({"STARTUP", "ADMIN"})
    public StartupDetail recordFigures(UUID id, List<Figure.Month> months) {
        editable(id);
        var problems = new ArrayList<InvalidInputException.Violation>();
        if (months == null || months.isEmpty()) {
            problems.add(new InvalidInputException.Violation("figures", "must list at least one month"));
        } else if (months.size() > FIGURES_MAX) {
            problems.add(new InvalidInputException.Violation("figures", "must list at most " + FIGURES_MAX + " months"));
        } else {
            var current = YearMonth.from(today());
            var seen = new HashMap<YearMonth, Integer>();
            for (int i = 0; i < months.size(); i++) {
                var month = months.get(i);
                if (month == null) {
                    problems.add(new InvalidInputException.Violation("figures[" + i + "]", "must be a month's figures"));
                    continue;
                }
                month.check(i, current, problems);
                if (month.period() != null && seen.putIfAbsent(month.period(), i) != null) {
                    problems.add(new InvalidInputException.Violation("figures[" + i + "].period",
                            "repeats figures[" + seen.get(month.period()) + "].period"));
                }
            }
        }
        InvalidInputException.refuseIfAny(problems);
        store(id, months);
        return detail(id);
    }

    /**
     * Records monthly figures from a CSV file ({@link FigureCsv}): every bad line and cell is named
     * ({@code line[n].column}), and nothing is stored when one is bad; otherwise the same as {@link #recordFigures}.
     */
    @RolesAllowed({"STARTUP", "ADMIN"})
    public StartupDetail importFigures(UUID id, String csv) {
        editable(id);
        var parsed = FigureCsv.parse(csv);
        var problems = new ArrayList<>(parsed.problems());
        if (parsed.months().size() > FIGURES_MAX) {
            problems.add(new InvalidInputException.Violation("file", "must list at most " + FIGURES_MAX + " months"));
        }
        var current = YearMonth.from(today());
        var seen = new HashMap<YearMonth, Integer>();
        for (int i = 0; i < parsed.months().size(); i++) {
            var month = parsed.months().get(i);
            int line = parsed.lines().get(i);
            var checked = new ArrayList<InvalidInputException.Violation>();
            month.check(i, current, checked);
            for (var v : checked) {
                String field = v.field().replace("figures[" + i + "].", "line[" + line + "].");
                if (problems.stream().noneMatch(p -> p.field().equals(field))) {
                    problems.add(new InvalidInputException.Violation(field, v.message()));
                }
            }
            if (month.period() != null && seen.putIfAbsent(month.period(), line) != null) {
                problems.add(new InvalidInputException.Violation("line[" + line + "].period",
                        "repeats line " + seen.get(month.period())));
            }
        }
        InvalidInputException.refuseIfAny(problems);
        store(id, parsed.months());
        return detail(id);
    }

    private void store(UUID id, List<Figure.Month> months) {
        var now = clock.now();
        for (var month : months) {
            var figure = em.find(Figure.class, new Figure.Key(id, month.period().atDay(1)));
            if (figure == null) {
                em.persist(new Figure(id, month, now));
                audit.record(actor(), "startup.figures", "startup", id.toString(), null,
                        month.period() + ": " + month.describe());
            } else if (!figure.month().describe().equals(month.describe())) {
                String before = month.period() + ": " + figure.month().describe();
                figure.report(month, now);
                audit.record(actor(), "startup.figures", "startup", id.toString(), before,
                        month.period() + ": " + month.describe());
            }
        }
    }

    @RolesAllowed({"STARTUP", "ADMIN"})
    public ExternalRound addExternalRound(UUID id, ExternalRound.Entry entry) {
        editable(id);
        InvalidInputException.refuseIfAny(entry.problems(today()));
        var round = new ExternalRound(id, entry);
        em.persist(round);
        audit.record(actor(), "startup.external-round.added", "startup", id.toString(), null, round.describe());
        return round;
    }

    @RolesAllowed({"STARTUP", "ADMIN"})
    public void removeExternalRound(UUID id, UUID roundId) {
        editable(id);
        var round = em.find(ExternalRound.class, roundId);
        if (round == null || !round.startupId().equals(id)) {
            throw new NotFoundException("External round", roundId);
        }
        em.remove(round);
        audit.record(actor(), "startup.external-round.removed", "startup", id.toString(), round.describe(), null);
    }

    /** The startup, locked for the change, if the caller is an admin or its CEO. */
    private Startup editable(UUID id) {
        var startup = em.find(Startup.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (startup == null) {
            throw new NotFoundException("Startup", id);
        }
        boolean allowed = context.isCallerInRole("ADMIN")
                || Caller.accountId(context.getCallerPrincipal()).map(startup::isLedBy).orElse(false);
        if (!allowed) {
            throw new NotYourStartupException();
        }
        return startup;
    }

    static java.time.Instant toInstant(Object value) {
        if (value instanceof java.time.Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static String describe(List<TeamMember.Entry> members) {
        return String.join("; ", members.stream().map(TeamMember.Entry::describe).toList());
    }

    private static String clip(String value) {
        if (value == null || value.length() <= AUDIT_VALUE_MAX) {
            return value;
        }
        String suffix = " …(" + value.length() + " characters)";
        return value.substring(0, AUDIT_VALUE_MAX - suffix.length()) + suffix;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.now(), SEOUL);
    }

    private String actor() {
        return Caller.actor(context.getCallerPrincipal());
    }
}

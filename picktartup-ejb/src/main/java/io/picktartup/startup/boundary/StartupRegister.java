package io.picktartup.startup.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.Role;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.startup.control.SearchVector;
import io.picktartup.startup.entity.Startup;
import io.picktartup.startup.entity.StartupNameTakenException;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The startup register: admins enter startups and link their CEO; anyone reads them. */
@Stateless
public class StartupRegister {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

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

    @Resource(lookup = "jdbc/picktartup")
    DataSource db;

    /** Registers a startup led by {@code ceoAccountId}, which must be a STARTUP account. */
    @RolesAllowed("ADMIN")
    public Startup register(Startup.Profile profile, String ceoAccountId, String walletAddress) {
        var now = clock.now();
        var problems = new ArrayList<>(profile.problems(LocalDate.ofInstant(now, SEOUL)));
        Account ceo = null;
        try {
            ceo = em.find(Account.class, UUID.fromString(String.valueOf(ceoAccountId)));
            if (ceo == null) {
                problems.add(InvalidInputException.Violation.of("ceoAccountId", FieldRule.NO_SUCH_ACCOUNT));
            } else if (ceo.role() != Role.STARTUP) {
                problems.add(InvalidInputException.Violation.of("ceoAccountId", FieldRule.STARTUP_ACCOUNT));
            }
        } catch (IllegalArgumentException e) {
            problems.add(InvalidInputException.Violation.of("ceoAccountId", FieldRule.ACCOUNT_ID));
        }
        WalletAddress wallet = null;
        try {
            wallet = new WalletAddress(walletAddress);
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> problems.add(v.at("walletAddress")));
        }
        InvalidInputException.refuseIfAny(problems);
        boolean taken = !em.createNativeQuery("select 1 from startup where lower(name) = lower(?1)")
                .setParameter(1, profile.name().strip()).getResultList().isEmpty();
        if (taken) {
            throw new StartupNameTakenException(profile.name().strip());
        }
        var startup = new Startup(UUID.randomUUID(), profile, ceo.id(), ceo.name(), ceo.email(), wallet.value(), now);
        em.persist(startup);
        searchVector.refresh(startup.id());
        audit.record(actor(), "startup.registered", "startup", startup.id().toString(), null,
                startup.name() + ", CEO " + ceo.id() + ", wallet " + wallet.value());
        return startup;
    }

    /** Sets what a share of the startup is worth now (investors' returns use it); audited. */
    @RolesAllowed("ADMIN")
    public Startup value(UUID id, Long perShareKrw) {
        var startup = find(id);
        if (perShareKrw == null) {
            throw new InvalidInputException("valuePerShareKrw", FieldRule.POSITIVE_WON);
        }
        var old = startup.value(perShareKrw, clock.now());
        audit.record(actor(), "startup.valued", "startup", id.toString(),
                old.isPresent() ? Long.toString(old.getAsLong()) : null, Long.toString(perShareKrw));
        return startup;
    }

    @PermitAll
    public Startup find(UUID id) {
        var startup = em.find(Startup.class, id);
        if (startup == null) {
            throw new NotFoundException("Startup", id);
        }
        return startup;
    }

    @PermitAll
    public List<Startup> list(int max) {
        return em.createQuery("select s from Startup s order by s.name", Startup.class)
                .setMaxResults(Math.max(1, Math.min(max, 500)))
                .getResultList();
    }

    /** The startups the account leads as CEO. */
    @PermitAll
    public List<Startup> ledBy(UUID accountId) {
        return em.createQuery("select s from Startup s where s.ceoAccountId = :ceo order by s.name", Startup.class)
                .setParameter("ceo", accountId)
                .getResultList();
    }

    /**
     * Files each startup's latest overall SSI (null: not enough data to score it), which search filters and sorts on:
     * one statement for the lot. The SSI job calls it with each page of scores, in that page's transaction.
     */
    @PermitAll
    public void recordSsi(List<UUID> startups, List<Double> overalls, Instant scoredAt) {
        if (startups.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); var ps = c.prepareStatement("""
                update startup s set ssi_overall = round(u.o::numeric, 1), ssi_scored_at = ?
                from unnest(?::uuid[], ?::float8[]) as u(id, o) where s.id = u.id""")) {
            ps.setTimestamp(1, Timestamp.from(scoredAt));
            ps.setArray(2, c.createArrayOf("uuid", startups.toArray()));
            ps.setArray(3, c.createArrayOf("float8", overalls.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String actor() {
        return Caller.actor(context.getCallerPrincipal());
    }
}

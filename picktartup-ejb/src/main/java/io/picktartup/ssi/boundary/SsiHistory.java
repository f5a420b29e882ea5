package io.picktartup.ssi.boundary;

import io.picktartup.platform.entity.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The stored scores of a startup, newest first, as anyone may read them. */
@Stateless
@PermitAll
public class SsiHistory {

    @PersistenceContext
    EntityManager em;

    /** One stored score (pillars null when not scored); explanation as stored (see SsiScore.explanationJson). */
    public record Stored(LocalDate scoredOn, String modelVersion, BigDecimal overall, BigDecimal team,
                         BigDecimal product, BigDecimal potential, BigDecimal performance, boolean enoughData,
                         String explanation, Instant computedAt) {
    }

    /**
     * The startup's most recent {@code max} scores, newest first (one per day per model version).
     *
     * @throws NotFoundException when there is no such startup
     */
    public List<Stored> recent(UUID startupId, int max) {
        if (em.createNativeQuery("select 1 from startup where id = ?1").setParameter(1, startupId).getResultList().isEmpty()) {
            throw new NotFoundException("Startup", startupId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select scored_on, model_version, overall, team, product, potential, performance, enough_data,
                               explanation::text, computed_at
                        from ssi_score where startup_id = ?1 order by scored_on desc, computed_at desc""")
                .setParameter(1, startupId).setMaxResults(Math.max(1, Math.min(max, 1_000))).getResultList();
        return rows.stream().map(r -> new Stored(date(r[0]), (String) r[1], (BigDecimal) r[2], (BigDecimal) r[3],
                (BigDecimal) r[4], (BigDecimal) r[5], (BigDecimal) r[6], (Boolean) r[7], (String) r[8], instant(r[9])))
                .toList();
    }

    /**
     * The startup's SSI explained from its most recent {@code days} scores: the latest with what moved it since the
     * one before, and the history.
     *
     * @throws NotFoundException when there is no such startup
     */
    public SsiView explained(UUID startupId, int days) {
        return SsiView.of(startupId.toString(), recent(startupId, days));
    }

    private static LocalDate date(Object o) {
        return o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
    }

    private static Instant instant(Object o) {
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return (Instant) o;
    }
}

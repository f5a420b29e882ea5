package io.picktartup.startup.boundary;

import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.startup.control.SearchTerms;
import io.picktartup.startup.entity.Stage;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalogue's one search box: keywords over names, aliases, sector, pitch, team names and description (see
 * {@link SearchTerms} and migration V15 for how Korean partial words are found), ranked by relevance, narrowed by
 * filters, sorted and paginated. One SQL statement per page, answered from the GIN index; when nothing matches, a
 * trigram look-up over the names offers the closest one ("did you mean").
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StartupSearch {

    public static final int SIZE_MAX = 100;
    public static final int QUERY_MAX = 200;

    public enum Sort { RELEVANCE, SSI, NEWEST, PROGRESS }

    /** What the user asked for; any field may be absent. Texts as typed, checked by {@link #problems}. */
    public record Request(String q, String sector, String stage, BigDecimal ssiMin, BigDecimal ssiMax,
                          boolean openRound, String sort, Integer page, Integer size) {

        public List<InvalidInputException.Violation> problems() {
            var problems = new ArrayList<InvalidInputException.Violation>();
            if (q != null && q.length() > QUERY_MAX) {
                problems.add(new InvalidInputException.Violation("q", "must be at most " + QUERY_MAX + " characters"));
            }
            if (stage != null && !stage.isBlank() && Stage.parse(stage).isEmpty()) {
                problems.add(new InvalidInputException.Violation("stage", "must be one of " + Stage.names()));
            }
            score(problems, "ssiMin", ssiMin);
            score(problems, "ssiMax", ssiMax);
            if (ssiMin != null && ssiMax != null && ssiMin.compareTo(ssiMax) > 0) {
                problems.add(new InvalidInputException.Violation("ssiMax", "must not be below ssiMin"));
            }
            if (sort != null && !sort.isBlank() && parseSort(sort).isEmpty()) {
                problems.add(new InvalidInputException.Violation("sort", "must be one of "
                        + Arrays.toString(Sort.values()).toLowerCase(Locale.ROOT)));
            }
            if (page != null && (page < 0 || page > 10_000)) {
                problems.add(new InvalidInputException.Violation("page", "must be between 0 and 10000"));
            }
            if (size != null && (size < 1 || size > SIZE_MAX)) {
                problems.add(new InvalidInputException.Violation("size", "must be between 1 and " + SIZE_MAX));
            }
            return problems;
        }

        private static void score(List<InvalidInputException.Violation> problems, String field, BigDecimal value) {
            if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
                problems.add(new InvalidInputException.Violation(field, "must be between 0 and 100"));
            }
        }

        static Optional<Sort> parseSort(String sort) {
            return Arrays.stream(Sort.values()).filter(s -> s.name().equalsIgnoreCase(sort.strip())).findFirst();
        }
    }

    /** A startup as a search result: enough for a card in the catalogue. */
    public record Hit(UUID id, String name, String nameEn, String pitch, String sector, Stage stage,
                      LocalDate foundedOn, BigDecimal ssi, OpenRound openRound) {
    }

    /** The round a hit raises now. */
    public record OpenRound(UUID id, String name, int progressPercent, Instant deadline) {
    }

    public record Page(List<Hit> items, long total, int page, int size, String didYouMean) {
    }

    public record SectorCount(String sector, long count) {
    }

    @PersistenceContext
    EntityManager em;

    public Page search(Request request) {
        InvalidInputException.refuseIfAny(request.problems());
        int page = request.page() == null ? 0 : request.page();
        int size = request.size() == null ? 20 : request.size();
        var tsquery = SearchTerms.tsquery(request.q());
        var sort = request.sort() == null || request.sort().isBlank()
                ? (tsquery.isPresent() ? Sort.RELEVANCE : Sort.NEWEST)
                : Request.parseSort(request.sort()).orElseThrow();
        if (sort == Sort.RELEVANCE && tsquery.isEmpty()) {
            sort = Sort.NEWEST;
        }
        var sql = new StringBuilder("""
                select s.id, s.name, s.name_en, s.pitch, s.sector, s.stage, s.founded_on, s.ssi_overall,
                       r.id as round_id, r.name as round_name, r.progress, r.deadline, count(*) over () as total
                from startup s
                left join lateral (select fr.id, fr.name, cast(fr.raised * 100 / fr.goal as int) as progress, fr.deadline
                                   from funding_round fr where fr.startup_id = s.id and fr.status = 'OPEN'
                                   order by fr.deadline limit 1) r on true
                where true""");
        var parameters = new ArrayList<Object>();
        tsquery.ifPresent(query -> {
            parameters.add(query);
            sql.append(" and s.search_vector @@ to_tsquery('simple', ?").append(parameters.size()).append(")");
        });
        if (request.sector() != null && !request.sector().isBlank()) {
            parameters.add(request.sector().strip());
            sql.append(" and lower(s.sector) = lower(?").append(parameters.size()).append(")");
        }
        if (request.stage() != null && !request.stage().isBlank()) {
            parameters.add(Stage.parse(request.stage()).orElseThrow().name());
            sql.append(" and s.stage = ?").append(parameters.size());
        }
        if (request.ssiMin() != null) {
            parameters.add(request.ssiMin());
            sql.append(" and s.ssi_overall >= ?").append(parameters.size());
        }
        if (request.ssiMax() != null) {
            parameters.add(request.ssiMax());
            sql.append(" and s.ssi_overall <= ?").append(parameters.size());
        }
        if (request.openRound()) {
            sql.append(" and r.id is not null");
        }
        sql.append(" order by ");
        switch (sort) {
            case RELEVANCE -> {
                parameters.add(tsquery.orElseThrow());
                sql.append("ts_rank_cd(s.search_vector, to_tsquery('simple', ?").append(parameters.size())
                        .append(")) desc, ");
            }
            case SSI -> sql.append("s.ssi_overall desc nulls last, ");
            case NEWEST -> sql.append("s.created_at desc, ");
            case PROGRESS -> sql.append("r.progress desc nulls last, ");
        }
        sql.append("s.name, s.id limit ").append(size).append(" offset ").append((long) page * size);
        var query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        var hits = new ArrayList<Hit>();
        long total = 0;
        for (var row : rows) {
            var round = row[8] == null ? null : new OpenRound((UUID) row[8], (String) row[9], ((Number) row[10]).intValue(),
                    StartupInformation.toInstant(row[11]));
            hits.add(new Hit((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    Stage.valueOf((String) row[5]), toDate(row[6]), (BigDecimal) row[7], round));
            total = ((Number) row[12]).longValue();
        }
        if (rows.isEmpty() && page > 0) {
            total = -1; // past the last page: the count is unknown without another query; the client goes back
        }
        String didYouMean = rows.isEmpty() && page == 0 && request.q() != null && !request.q().isBlank()
                ? closestName(request.q()).orElse(null) : null;
        return new Page(hits, Math.max(total, 0), page, size, didYouMean);
    }

    /** Every sector with its number of startups, largest first (the catalogue's filter). */
    public List<SectorCount> sectors() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select min(sector), count(*) from startup group by lower(sector) order by count(*) desc, 1")
                .getResultList();
        return rows.stream().map(r -> new SectorCount((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** The startup name closest to the text by trigram word similarity, if any is close enough. */
    private Optional<String> closestName(String text) {
        String typed = text.strip().toLowerCase(Locale.ROOT);
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("""
                select name from startup
                where ?1 <% lower(name || ' ' || coalesce(name_en, ''))
                order by word_similarity(?1, lower(name || ' ' || coalesce(name_en, ''))) desc, name limit 1""")
                .setParameter(1, typed).getResultList();
        return names.stream().findFirst();
    }

    private static LocalDate toDate(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }
}

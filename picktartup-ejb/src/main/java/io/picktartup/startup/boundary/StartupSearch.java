package io.picktartup.startup.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.startup.control.SearchStatistics;
import io.picktartup.startup.control.SearchTerms;
import io.picktartup.startup.control.TermFrequencies;
import io.picktartup.startup.entity.Stage;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * trigram look-up over the names offers the closest one ("did you mean"). Rounds come from the round component's
 * read model {@code round_summary} (migration V25): a round is open while its {@code open_until} lies ahead of
 * business time, so a round past its deadline is listed as open nowhere, settled or not.
 */
@Stateless
@PermitAll
public class StartupSearch {

    public static final int SIZE_MAX = 100;
    public static final int QUERY_MAX = 200;
    public static final int TOTAL_CAP = 1000;
    /** How many matches, the strongest by SSI, relevance ranks (more when the page asked for lies deeper). */
    public static final int RANKED_CANDIDATES = 200;

    public enum Sort { RELEVANCE, SSI, NEWEST, PROGRESS }

    /** What the user asked for; any field may be absent. Texts as typed, checked by {@link #problems}. */
    public record Request(String q, String sector, String stage, BigDecimal ssiMin, BigDecimal ssiMax,
                          boolean openRound, String sort, Integer page, Integer size) {

        public List<InvalidInputException.Violation> problems() {
            var problems = new ArrayList<InvalidInputException.Violation>();
            if (q != null && q.length() > QUERY_MAX) {
                problems.add(InvalidInputException.Violation.of("q", FieldRule.MAX_LENGTH, QUERY_MAX));
            }
            if (stage != null && !stage.isBlank() && Stage.parse(stage).isEmpty()) {
                problems.add(InvalidInputException.Violation.of("stage", FieldRule.ONE_OF, Stage.names()));
            }
            score(problems, "ssiMin", ssiMin);
            score(problems, "ssiMax", ssiMax);
            if (ssiMin != null && ssiMax != null && ssiMin.compareTo(ssiMax) > 0) {
                problems.add(InvalidInputException.Violation.of("ssiMax", FieldRule.NOT_BELOW, "ssiMin"));
            }
            if (sort != null && !sort.isBlank() && parseSort(sort).isEmpty()) {
                problems.add(InvalidInputException.Violation.of("sort", FieldRule.ONE_OF, Arrays.toString(Sort.values()).toLowerCase(Locale.ROOT)));
            }
            if (page != null && (page < 0 || page > 10_000)) {
                problems.add(InvalidInputException.Violation.of("page", FieldRule.BETWEEN, 0, 10000));
            }
            if (size != null && (size < 1 || size > SIZE_MAX)) {
                problems.add(InvalidInputException.Violation.of("size", FieldRule.BETWEEN, 1, SIZE_MAX));
            }
            return problems;
        }

        private static void score(List<InvalidInputException.Violation> problems, String field, BigDecimal value) {
            if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
                problems.add(InvalidInputException.Violation.of(field, FieldRule.BETWEEN, 0, 100));
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

    /** The round a hit raises now (open at the time of the search). */
    public record OpenRound(UUID id, String name, int progressPercent, Instant deadline) {
    }

    /** A page of hits; {@code total} counts at most {@value #TOTAL_CAP} ({@code totalCapped} says there are more). */
    public record Page(List<Hit> items, long total, boolean totalCapped, int page, int size, String didYouMean) {
    }

    public record SectorCount(String sector, long count) {
    }

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/picktartup")
    DataSource db;

    @Inject
    Clock clock;

    @Inject
    SearchStatistics statistics;

    /**
     * A page of startups matching the request, best first: one round trip to PostgreSQL. No transaction (nothing is
     * written), and plain JDBC: the planner settings and the statement go as one two-statement text, which the driver
     * sends as one message sequence ending in one Sync; the server runs both in the one implicit transaction that
     * spans it, so the settings ({@link #plannerSettings}, local) hold while the statement is planned and end with
     * it. Before, a search took three round trips (settings, statement, commit) and a JTA transaction
     * (docs/benchmarks.md, information.sh).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Page search(Request request) {
        InvalidInputException.refuseIfAny(request.problems());
        var statement = statement(request, clock.now(), statistics.termFrequencies());
        var hits = new ArrayList<Hit>();
        long total = 0;
        String didYouMean = null;
        try (Connection connection = db.getConnection();
             var page = connection.prepareStatement(plannerSettings(true) + ";\n" + jdbc(statement.sql()))) {
            bind(page, statement.parameters());
            page.execute(); // the settings' one row
            if (!page.getMoreResults()) {
                throw new IllegalStateException("the search statement answered no result set");
            }
            try (var rows = page.getResultSet()) {
                while (rows.next()) {
                    total = rows.getLong(1);
                    var id = rows.getObject(2, UUID.class);
                    if (id == null) {
                        continue; // the page lies past the last match: its one row carries the total only
                    }
                    var roundId = rows.getObject(10, UUID.class);
                    var round = roundId == null ? null : new OpenRound(roundId, rows.getString(11), rows.getInt(12),
                            rows.getObject(13, OffsetDateTime.class).toInstant());
                    hits.add(new Hit(id, rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            Stage.valueOf(rows.getString(7)), rows.getObject(8, LocalDate.class),
                            rows.getBigDecimal(9), round));
                }
            }
            if (total == 0 && request.q() != null && !request.q().isBlank()) {
                didYouMean = closestName(connection, request.q()).orElse(null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("search failed", e);
        }
        return new Page(hits, Math.min(total, TOTAL_CAP), total > TOTAL_CAP, statement.page(), statement.size(),
                didYouMean);
    }

    /** A statement's text for JDBC, which takes plain {@code ?} where JPA numbers its parameters ({@code ?1}, …). */
    public static String jdbc(String sql) {
        return sql.replaceAll("\\?\\d+", "?");
    }

    /**
     * How every search is planned, set in one round trip: for its own words ({@code plan_cache_mode}: a plan cached
     * for "some word" walks the SSI index for a rare word, or ranks thousands of rows for a broad one); on one core
     * (a search is a few milliseconds of work: starting parallel workers costs more than it saves, and on a busy
     * machine they wait for cores); and without JIT compilation (tens of milliseconds, never repaid by a query this
     * short). {@code local}: for the current transaction only (the application); else for the session (the
     * benchmark's plain JDBC floor).
     */
    public static String plannerSettings(boolean local) {
        return ("select set_config('plan_cache_mode', 'force_custom_plan', %1$s), "
                + "set_config('max_parallel_workers_per_gather', '0', %1$s), set_config('jit', 'off', %1$s)")
                .formatted(local);
    }

    /** Binds the statement's parameters, in order; the benchmark's SQL floor binds them the same way. */
    public static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /**
     * The one SQL statement that answers a page, with positional parameters ?1, ?2… in order: a row per hit, each
     * starting with the (capped) total; a single row with the total and no hit when the page is empty.
     */
    public record Statement(String sql, List<Object> parameters, int page, int size) {
    }

    /** Positional parameters numbered as they are added. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> parameters = new ArrayList<>();

        Sql add(String sql) {
            text.append(sql);
            return this;
        }

        Sql param(Object value) {
            parameters.add(value);
            text.append('?').append(parameters.size());
            return this;
        }
    }

    private static final String COLUMNS = "s.id, s.name, s.name_en, s.pitch, s.sector, s.stage, s.founded_on, "
            + "s.ssi_overall";

    /**
     * The statement for a valid request. Public so that the search benchmark runs the very statement the API runs,
     * straight over JDBC, as the floor the API is compared with.
     * <p>
     * The matches come from the GIN index (a near-universal term, by {@code frequencies}, is checked on the rows the
     * rarer terms found instead: {@link SearchTerms#plan}); relevance is {@code ts_rank_cd} over the weighted vector (names and
     * aliases weigh most), ties broken by the higher SSI. Ranking reads each candidate's whole vector, so it is
     * bounded: it orders the {@value #RANKED_CANDIDATES} strongest matches by SSI (all of them for any but a broad
     * word), the way search engines prune with a static rank; a broad word ("핀테크", a twelfth of the catalogue)
     * then costs a walk down the SSI index instead of ranking thousands of rows. The open round of a hit is looked up for the page's rows
     * only (a broad keyword matches thousands). The total is counted up to {@value #TOTAL_CAP} ("1,000+"): the statement first
     * collects the matches' ids and SSI up to one past the cap (a materialized CTE, stopping there instead of
     * counting every match of a broad keyword); when they are no more than the cap, they are the candidates, so a rare
     * word's matches are looked up once for the count and the page; past it, the candidates come down the SSI index.
     * <p>
     * "Open" is {@link #OPEN_ROUND}: open at {@code now} (business time).
     */
    public static Statement statement(Request request, Instant now, TermFrequencies frequencies) {
        int page = request.page() == null ? 0 : request.page();
        int size = request.size() == null ? 20 : request.size();
        var terms = SearchTerms.plan(request.q(), frequencies);
        var tsquery = terms.map(SearchTerms.Plan::whole);
        var sort = request.sort() == null || request.sort().isBlank()
                ? (tsquery.isPresent() ? Sort.RELEVANCE : Sort.NEWEST)
                : Request.parseSort(request.sort()).orElseThrow();
        if (sort == Sort.RELEVANCE && tsquery.isEmpty()) {
            sort = Sort.NEWEST;
        }
        // first the matches, up to one past the cap: their number is the total ("1,000+"), and when there are no more
        // than the cap they are all the candidates the page needs (a rare word: the index is asked once, not twice)
        var sql = new Sql().add("with m as materialized (select " + (sort == Sort.RELEVANCE
                ? "s.id, s.ssi_overall" : "1") + " from startup s where true");
        matches(sql, terms, request, now);
        sql.add(" limit " + (TOTAL_CAP + 1) + "), n as (select count(*) as total from m)");
        // then the page, and each hit's open round; one row with no hit when the page is empty, for the total
        sql.add(" select n.total, p.id, p.name, p.name_en, p.pitch, p.sector, p.stage, p.founded_on, p.ssi_overall, "
                + "r.id as round_id, r.name as round_name, r.progress, r.deadline from n left join lateral (select "
                + COLUMNS + ", ");
        switch (sort) {
            case RELEVANCE -> {
                // rank the strongest matches only: ranking reads every candidate's vector, and a broad word matches
                // thousands; the candidates are the few matches already found, or else come down the SSI index
                long candidates = Math.max(RANKED_CANDIDATES, (long) page * size + size);
                String strongest = " order by ssi_overall desc nulls last, id limit " + candidates;
                sql.add("ts_rank_cd(s.search_vector, to_tsquery('simple', ").param(tsquery.orElseThrow())
                        .add(")) as sort_key from ((select " + COLUMNS + ", s.search_vector from startup s where "
                                + "(select total from n) <= " + TOTAL_CAP + " and s.id in (select id from m"
                                + strongest + ")) union all (select " + COLUMNS + ", s.search_vector from startup s "
                                + "where (select total from n) > " + TOTAL_CAP);
                matches(sql, terms, request, now);
                sql.add(strongest + ")) s");
            }
            case SSI -> sql.add("s.ssi_overall as sort_key from startup s");
            case NEWEST -> sql.add("s.created_at as sort_key from startup s");
            case PROGRESS -> sql.add("o.progress as sort_key from startup s left join (select fr.startup_id, "
                    + "max(fr.progress_percent) as progress from round_summary fr where ").add(OPEN_ROUND.formatted("fr"))
                    .param(at(now)).add(" group by fr.startup_id) o on o.startup_id = s.id");
        }
        if (sort != Sort.RELEVANCE) {
            sql.add(" where true");
            matches(sql, terms, request, now);
        }
        String order = " order by sort_key desc nulls last, ssi_overall desc nulls last, id";
        sql.add(order + " limit " + size + " offset " + (long) page * size + ") p on true");
        sql.add(" left join lateral (select fr.id, fr.name, fr.progress_percent as progress, fr.deadline "
                + "from round_summary fr where fr.startup_id = p.id and ").add(OPEN_ROUND.formatted("fr")).param(at(now))
                .add(" order by fr.deadline limit 1) r on true" + order.replace("by ", "by p.").replace(", ", ", p."));
        return new Statement(sql.text.toString(), List.copyOf(sql.parameters), page, size);
    }

    /**
     * The conditions a match meets: the terms the GIN index looks up (none when every term is near-universal: then
     * the rows are read in table order until enough match), the filters, then the near-universal terms checked on
     * the rows found (the function form of {@code @@} is no index condition, so the planner cannot fold it into the
     * index scan; written last, it runs after the cheaper filters).
     */
    private static void matches(Sql sql, Optional<SearchTerms.Plan> terms, Request request, Instant now) {
        terms.filter(plan -> !plan.indexed().isEmpty()).ifPresent(plan -> sql
                .add(" and s.search_vector @@ to_tsquery('simple', ").param(plan.indexed()).add(")"));
        filters(sql, request, now);
        terms.flatMap(SearchTerms.Plan::checked).ifPresent(common -> sql
                .add(" and ts_match_vq(s.search_vector, to_tsquery('simple', ").param(common).add("))"));
    }

    /** Statements as of the wall clock: for the search benchmark, which has no business clock to ask. */
    public static Statement statement(Request request, TermFrequencies frequencies) {
        return statement(request, Instant.now(), frequencies);
    }

    /**
     * A round of {@code round_summary} (aliased by the argument) is open at the instant bound next: the read model's
     * form of FundingRound.isOpenAt.
     */
    static final String OPEN_ROUND = "%s.open_until > ";

    /** An instant as JDBC binds it (pgjdbc takes no Instant; JPA takes both). */
    private static OffsetDateTime at(Instant now) {
        return now.atOffset(ZoneOffset.UTC);
    }

    private static void filters(Sql sql, Request request, Instant now) {
        if (request.sector() != null && !request.sector().isBlank()) {
            sql.add(" and lower(s.sector) = lower(").param(request.sector().strip()).add(")");
        }
        if (request.stage() != null && !request.stage().isBlank()) {
            sql.add(" and s.stage = ").param(Stage.parse(request.stage()).orElseThrow().name());
        }
        // a score range is checked on the rows found, not as a second index bitmap: a range like "50 and up" covers
        // most of the catalogue, and ANDing its bitmap with the keywords' cost more than the rest of the search
        // (an unscored startup, null, is outside every range)
        if (request.ssiMin() != null) {
            sql.add(" and coalesce(s.ssi_overall, -1) >= ").param(request.ssiMin());
        }
        if (request.ssiMax() != null) {
            sql.add(" and coalesce(s.ssi_overall, 101) <= ").param(request.ssiMax());
        }
        if (request.openRound()) {
            sql.add(" and exists (select 1 from round_summary o where o.startup_id = s.id and ")
                    .add(OPEN_ROUND.formatted("o")).param(at(now)).add(")");
        }
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
    private static Optional<String> closestName(Connection connection, String text) throws SQLException {
        String typed = text.strip().toLowerCase(Locale.ROOT);
        try (var closest = connection.prepareStatement("""
                select name from startup
                where ? <% lower(name || ' ' || coalesce(name_en, ''))
                order by word_similarity(?, lower(name || ' ' || coalesce(name_en, ''))) desc, name limit 1""")) {
            closest.setString(1, typed);
            closest.setString(2, typed);
            try (var rows = closest.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

}

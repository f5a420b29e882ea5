package io.picktartup.ssi.boundary;

import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.SqlLiterals;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.ssi.entity.Baselines;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.ssi.entity.Features;
import io.picktartup.ssi.entity.Pillar;
import io.picktartup.ssi.entity.SsiModel;
import io.picktartup.ssi.entity.SsiScore;
import io.picktartup.ssi.entity.StartupFacts;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Scoring startups with the {@link SsiModel}: the reads and writes of the nightly job (each a set-based statement
 * over a page of startups in id order: one query per table per page, one multi-row upsert per page, never one
 * statement per startup), and an admin's score-now for one startup. Plain JDBC on the application's pool: the job
 * moves every startup's monthly figures, which would be wasteful to load as managed entities. Each call joins the
 * caller's transaction (the batch chunk's).
 */
@Stateless
public class SsiScoring {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /** How both ways of drawing features (set-based in SQL, and from Java for one startup) replace a startup's row. */
    private static final String FEATURES_UPSERT = """
             on conflict (startup_id) do update set sector = excluded.sector, as_of = excluded.as_of,
                computed_at = excluded.computed_at, months_reported = excluded.months_reported,
                mau_months = excluded.mau_months, revenue_months = excluded.revenue_months,
                team_size = excluded.team_size, has_cto = excluded.has_cto, has_cfo = excluded.has_cfo,
                tenure_months = excluded.tenure_months, headcount_growth = excluded.headcount_growth,
                mau_latest = excluded.mau_latest, mau_growth = excluded.mau_growth, retention = excluded.retention,
                revenue_growth = excluded.revenue_growth, operating_margin = excluded.operating_margin,
                runway_months = excluded.runway_months, funding_total_krw = excluded.funding_total_krw,
                funding_rounds = excluded.funding_rounds, round_attainment = excluded.round_attainment,
                stage_velocity = excluded.stage_velocity""";

    /**
     * The Picktartup rounds whose money counts as funding, read from the round component's read model
     * {@code round_summary}.
     */
    private static final String FUNDING_ROUNDS = SqlLiterals.list(FundingRound.Status.COUNTS_AS_FUNDING);

    @Resource(lookup = "jdbc/picktartup")
    DataSource db;

    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    @EJB
    AuditTrail audit;

    @EJB
    StartupRegister startups;

    /** The business day in Seoul: the day a run's scores are filed under. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.now(), SEOUL);
    }

    public Instant now() {
        return clock.now();
    }

    public int startups() {
        return query("select count(*) from startup", ps -> { }, rs -> rs.getInt(1)).get(0);
    }

    /**
     * Splits the startups into {@code partitions} ranges of about equal size by id: the last id of each range but the
     * last (an index-only walk of the primary key).
     */
    public List<UUID> partitionBounds(int partitions) {
        int count = startups();
        var bounds = new ArrayList<UUID>();
        for (int i = 1; i < partitions; i++) {
            long offset = (long) count * i / partitions - 1;
            bounds.addAll(query("select id from startup order by id offset ? limit 1", ps -> ps.setLong(1, offset),
                    rs -> rs.getObject(1, UUID.class)));
        }
        return bounds;
    }

    /** Forgets last run's features (every run draws them again for every startup). */
    public void clearFeatures() {
        update("truncate ssi_feature", ps -> { });
    }

    /**
     * The facts of up to {@code limit} startups with ids in ({@code after}, {@code upTo}] (null = unbounded), in id
     * order: five queries whatever the page size.
     */
    public List<StartupFacts> facts(UUID after, UUID upTo, int limit) {
        return facts("select id, sector, founded_on, stage from startup where " + range("id", after, upTo)
                + " order by id limit ?", ps -> ps.setInt(bind(ps, after, upTo), limit));
    }

    private record Head(UUID id, String sector, LocalDate founded, String stage) {
    }

    private List<StartupFacts> facts(String headsSql, Binder headsBinder) {
        var heads = query(headsSql, headsBinder,
                rs -> new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)));
        if (heads.isEmpty()) {
            return List.of();
        }
        UUID first = heads.get(0).id();
        UUID last = heads.get(heads.size() - 1).id();
        var members = grouped("select startup_id, role, joined_on from startup_member where startup_id between ? and ?",
                first, last, rs -> new StartupFacts.Member(rs.getString(2), rs.getObject(3, LocalDate.class)));
        var figures = grouped("""
                        select startup_id, period, headcount, mau, retention, revenue_krw, operating_profit_krw, cash_krw,
                               burn_krw
                        from startup_figure where startup_id between ? and ? order by startup_id, period""",
                first, last, rs -> new StartupFacts.Figure(rs.getObject(2, LocalDate.class),
                        (Integer) rs.getObject(3), (Long) rs.getObject(4), rs.getBigDecimal(5), (Long) rs.getObject(6),
                        (Long) rs.getObject(7), (Long) rs.getObject(8), (Long) rs.getObject(9)));
        var external = grouped("select startup_id, amount_krw from external_funding where startup_id between ? and ?",
                first, last, rs -> rs.getLong(2));
        // amounts in PKN base units (18 decimals) at the round's won per token: in won
        var rounds = grouped("""
                        select startup_id, status, least(round(goal * won_per_token / 1e18), 9e18)::bigint,
                               least(round(raised * won_per_token / 1e18), 9e18)::bigint
                        from round_summary where startup_id between ? and ? and status in """ + FUNDING_ROUNDS,
                first, last, rs -> new StartupFacts.Round(rs.getString(2), rs.getLong(3), rs.getLong(4)));
        return heads.stream().map(h -> new StartupFacts(h.id(), h.sector(), h.founded(), h.stage(),
                members.getOrDefault(h.id(), List.of()), figures.getOrDefault(h.id(), List.of()),
                external.getOrDefault(h.id(), List.of()), rounds.getOrDefault(h.id(), List.of()))).toList();
    }

    /**
     * Draws the features of every startup with an id in ({@code after}, {@code upTo}] as of {@code asOf}, in the
     * database: one set-based statement, so the job never moves three years of monthly figures per startup over the
     * wire. It mirrors {@link Features#of} (the definition, unit tested); the integration test checks that a startup
     * scored now from its facts in Java gets the very score the job gave it.
     */
    public int drawFeatures(UUID after, UUID upTo, LocalDate asOf, Instant computedAt) {
        String window = "w";
        var sql = new StringBuilder("""
                insert into ssi_feature (startup_id, sector, as_of, computed_at, months_reported, mau_months,
                    revenue_months, team_size, has_cto, has_cfo, tenure_months, headcount_growth, mau_latest, mau_growth,
                    retention, revenue_growth, operating_margin, runway_months, funding_total_krw, funding_rounds,
                    round_attainment, stage_velocity)
                with l as (
                    -- where each startup's window starts: 12 months before its latest report (a walk of the primary
                    -- key, grouped as it goes; cheaper than a window function that holds each startup's rows)
                    select startup_id, (max(period) - interval '12 months')::date as w0
                    from startup_figure where period <= ?1 and RANGE(startup_id) group by startup_id
                ), f as (
                    -- w: in the window; in primary-key order, so that no step sorts again
                    select x.startup_id, x.period, x.headcount, x.mau, x.retention, x.revenue_krw,
                           x.operating_profit_krw, x.cash_krw, x.burn_krw, x.period >= l.w0 as w
                    from startup_figure x join l on l.startup_id = x.startup_id
                    where x.period <= ?1 and RANGE(x.startup_id)
                ), a as (
                    select startup_id, count(*) as months, count(mau) as mau_months, count(revenue_krw) as revenue_months
                """);
        // one ascending order for every aggregate: the rows arrive in it (primary key order), so none sorts
        for (String[] metric : new String[][]{{"headcount", "h"}, {"mau", "m"}, {"revenue_krw", "r"}}) {
            String when = "filter (where " + metric[0] + " is not null and " + window + ")";
            sql.append("        , array_agg(").append(metric[0]).append(" order by period) ").append(when).append(" as ")
                    .append(metric[1]).append("\n")
                    .append("        , min(period) ").append(when).append(" as ").append(metric[1]).append("p0\n")
                    .append("        , max(period) ").append(when).append(" as ").append(metric[1]).append("p1\n");
        }
        sql.append("""
                        , array_agg(retention order by period) filter (where retention is not null and WINDOW) as ret
                        , array_agg(cash_krw order by period) filter (where cash_krw is not null and WINDOW) as cash
                        , array_agg(burn_krw order by period) filter (where burn_krw is not null and WINDOW) as burn
                        , sum(revenue_krw) filter (where revenue_krw is not null and operating_profit_krw is not null and WINDOW) as rev
                        , sum(operating_profit_krw) filter (where revenue_krw is not null and operating_profit_krw is not null and WINDOW) as op
                    from f group by startup_id
                ), g as (
                    select startup_id, months, mau_months, revenue_months, m[cardinality(m)] as mau_latest,
                        GROWTH(h) as headcount_growth, GROWTH(m) as mau_growth, GROWTH(r) as revenue_growth,
                        (select avg(x)::float8 from unnest(ret[greatest(1, cardinality(ret) - 2):]) x) as retention,
                        case when rev > 0 then greatest(-10, least(1, op::float8 / rev)) end as operating_margin,
                        case when cash is null or burn is null then null
                             when (select sum(x) from unnest(burn[greatest(1, cardinality(burn) - 2):]) x) = 0 then 60
                             else least(60, cash[cardinality(cash)] / ((select sum(x) from unnest(
                                 burn[greatest(1, cardinality(burn) - 2):]) x)::float8 / least(3, cardinality(burn)))) end
                            as runway_months
                    from a
                ), m as (
                    select startup_id, count(*) as team_size,
                           bool_or(upper(role) like '%CTO%' or upper(role) like '%TECHNOLOGY%' or role like '%기술%') as cto,
                           bool_or(upper(role) like '%CFO%' or upper(role) like '%FINANCE%' or role like '%재무%') as cfo,
                           percentile_cont(0.5) within group (order by ((?1 - joined_on) / 30.4375)::float8)
                               filter (where joined_on <= ?1) as tenure
                    from startup_member where RANGE(startup_id) group by startup_id
                ), e as (
                    select startup_id, sum(amount_krw) as total, count(*) as n
                    from external_funding where RANGE(startup_id) group by startup_id
                ), r as (
                    select startup_id, sum(raised) as total, count(*) as n,
                           avg(least(1.5, raised::float8 / goal)) filter (where goal > 0) as attainment
                    from (select startup_id, least(round(goal * won_per_token / 1e18), 9e18)::bigint as goal,
                                 least(round(raised * won_per_token / 1e18), 9e18)::bigint as raised
                          from round_summary
                          where RANGE(startup_id) and status in FUNDING_ROUNDS) x
                    group by startup_id
                )
                select s.id, lower(btrim(s.sector)), ?1, ?2, coalesce(g.months, 0), coalesce(g.mau_months, 0),
                       coalesce(g.revenue_months, 0), coalesce(m.team_size, 0), coalesce(m.cto, false),
                       coalesce(m.cfo, false), m.tenure, g.headcount_growth, g.mau_latest, g.mau_growth, g.retention,
                       g.revenue_growth, g.operating_margin, g.runway_months,
                       coalesce(e.total, 0) + coalesce(r.total, 0), coalesce(e.n, 0) + coalesce(r.n, 0), r.attainment,
                       case when s.founded_on <= ?1 and array_position(array['PRE_SEED', 'SEED', 'PRE_A', 'SERIES_A',
                                'SERIES_B', 'SERIES_C', 'PRE_IPO']::varchar[], s.stage) is not null
                            then array_position(array['PRE_SEED', 'SEED', 'PRE_A', 'SERIES_A', 'SERIES_B', 'SERIES_C',
                                'PRE_IPO']::varchar[], s.stage) / greatest(0.5, (?1 - s.founded_on) / 365.25) end
                from startup s
                left join g on g.startup_id = s.id
                left join m on m.startup_id = s.id
                left join e on e.startup_id = s.id
                left join r on r.startup_id = s.id
                where RANGE(s.id)
                """ + FEATURES_UPSERT);
        // growth from the first to the last value in the window: X = the values, Xp0 and Xp1 their first and last month
        String growth = """
                case when X[1] > 0 and ((extract(year from Xp1) - extract(year from Xp0)) * 12
                                        + extract(month from Xp1) - extract(month from Xp0)) >= 3
                     then least(power(X[cardinality(X)]::float8 / X[1], 12.0 / ((extract(year from Xp1)
                                        - extract(year from Xp0)) * 12 + extract(month from Xp1)
                                        - extract(month from Xp0))::float8) - 1, 99) end""";
        String text = sql.toString().replace("WINDOW", window).replace("FUNDING_ROUNDS", FUNDING_ROUNDS)
                .replace("GROWTH(h)", growth.replace("X", "h"))
                .replace("GROWTH(m)", growth.replace("X", "m"))
                .replace("GROWTH(r)", growth.replace("X", "r"));
        // the id range as literals: the same pair appears in five places, and a UUID's text cannot inject anything
        String lower = after == null ? null : "'" + after + "'::uuid";
        String upper = upTo == null ? null : "'" + upTo + "'::uuid";
        var range = java.util.regex.Pattern.compile("RANGE\\(([a-z_.]+)\\)");
        var matcher = range.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            String column = matcher.group(1);
            String condition = (lower == null ? "true" : column + " > " + lower) + " and "
                    + (upper == null ? "true" : column + " <= " + upper);
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("(" + condition + ")"));
        }
        matcher.appendTail(out);
        // the day and the time as literals too (they repeat; both come from the clock, not from a request)
        String statement = out.toString().replace("?1", "'" + asOf + "'::date")
                .replace("?2", "'" + computedAt + "'::timestamptz");
        try (Connection c = db.getConnection(); var st = c.createStatement()) {
            return st.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores (replaces) the features of a page of startups in one multi-row statement. */
    public void storeFeatures(List<Features> features, Instant computedAt) {
        if (features.isEmpty()) {
            return;
        }
        update("""
                insert into ssi_feature (startup_id, sector, as_of, computed_at, months_reported, mau_months, revenue_months,
                    team_size, has_cto, has_cfo, tenure_months, headcount_growth, mau_latest, mau_growth, retention,
                    revenue_growth, operating_margin, runway_months, funding_total_krw, funding_rounds, round_attainment,
                    stage_velocity)
                select u.id, u.sector, u.as_of, ?, u.mr, u.mm, u.rm, u.ts, u.cto, u.cfo, u.ten, u.hg, u.ml, u.mg, u.ret,
                       u.rg, u.om, u.run, u.ft, u.fr, u.ra, u.sv
                from unnest(?::uuid[], ?::varchar[], ?::date[], ?::int[], ?::int[], ?::int[], ?::int[], ?::boolean[],
                            ?::boolean[], ?::float8[], ?::float8[], ?::int8[], ?::float8[], ?::float8[], ?::float8[],
                            ?::float8[], ?::float8[], ?::int8[], ?::int[], ?::float8[], ?::float8[])
                     as u(id, sector, as_of, mr, mm, rm, ts, cto, cfo, ten, hg, ml, mg, ret, rg, om, run, ft, fr, ra, sv)
                """ + FEATURES_UPSERT, ps -> {
            var c = ps.getConnection();
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(computedAt));
            ps.setArray(i++, c.createArrayOf("uuid", column(features, Features::startupId)));
            ps.setArray(i++, c.createArrayOf("varchar", column(features, Features::sector)));
            ps.setArray(i++, c.createArrayOf("date", column(features, f -> java.sql.Date.valueOf(f.asOf()))));
            ps.setArray(i++, c.createArrayOf("int4", column(features, Features::monthsReported)));
            ps.setArray(i++, c.createArrayOf("int4", column(features, Features::mauMonths)));
            ps.setArray(i++, c.createArrayOf("int4", column(features, Features::revenueMonths)));
            ps.setArray(i++, c.createArrayOf("int4", column(features, Features::teamSize)));
            ps.setArray(i++, c.createArrayOf("bool", column(features, Features::hasCto)));
            ps.setArray(i++, c.createArrayOf("bool", column(features, Features::hasCfo)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::tenureMonths)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::headcountGrowth)));
            ps.setArray(i++, c.createArrayOf("int8", column(features, Features::mauLatest)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::mauGrowth)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::retention)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::revenueGrowth)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::operatingMargin)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::runwayMonths)));
            ps.setArray(i++, c.createArrayOf("int8", column(features, Features::fundingTotalKrw)));
            ps.setArray(i++, c.createArrayOf("int4", column(features, Features::fundingRounds)));
            ps.setArray(i++, c.createArrayOf("float8", column(features, Features::roundAttainment)));
            ps.setArray(i, c.createArrayOf("float8", column(features, Features::stageVelocity)));
        });
    }

    /** The features of up to {@code limit} startups with ids in ({@code after}, {@code upTo}], in id order. */
    public List<Features> features(UUID after, UUID upTo, int limit) {
        return query("""
                        select startup_id, sector, as_of, months_reported, mau_months, revenue_months, team_size, has_cto,
                               has_cfo, tenure_months, headcount_growth, mau_latest, mau_growth, retention, revenue_growth,
                               operating_margin, runway_months, funding_total_krw, funding_rounds, round_attainment,
                               stage_velocity
                        from ssi_feature""" + " where " + range("startup_id", after, upTo) + " order by startup_id limit ?",
                ps -> ps.setInt(bind(ps, after, upTo), limit), SsiScoring::feature);
    }

    private static Features feature(ResultSet rs) throws SQLException {
        return new Features(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getBoolean(9),
                (Double) rs.getObject(10), (Double) rs.getObject(11), (Long) rs.getObject(12), (Double) rs.getObject(13),
                (Double) rs.getObject(14), (Double) rs.getObject(15), (Double) rs.getObject(16),
                (Double) rs.getObject(17), rs.getLong(18), rs.getInt(19), (Double) rs.getObject(20),
                (Double) rs.getObject(21));
    }

    /**
     * The sector medians of the stored features, filed under {@code scoredOn} (replacing that day's): one aggregate
     * over the features table, per sector and for all startups ('*').
     */
    public Baselines computeBaselines(LocalDate scoredOn) {
        update("delete from ssi_sector_baseline where scored_on = ? and model_version = ?", ps -> {
            ps.setObject(1, scoredOn);
            ps.setString(2, SsiModel.VERSION);
        });
        update("""
                insert into ssi_sector_baseline (scored_on, model_version, sector, startups, headcount_growth, mau_growth,
                                                 revenue_growth, mau_latest, funding_total_krw, computed_at)
                select ?, ?, case when grouping(sector) = 1 then '*' else sector end, count(*),
                    case when count(headcount_growth) >= ? then
                        percentile_cont(0.5) within group (order by headcount_growth) end,
                    case when count(mau_growth) >= ? then percentile_cont(0.5) within group (order by mau_growth) end,
                    case when count(revenue_growth) >= ? then
                        percentile_cont(0.5) within group (order by revenue_growth) end,
                    case when count(mau_latest) >= ? then percentile_cont(0.5) within group (order by mau_latest) end,
                    case when count(*) filter (where funding_rounds > 0) >= ? then
                        percentile_cont(0.5) within group (order by funding_total_krw)
                            filter (where funding_rounds > 0) end,
                    ?
                from ssi_feature group by grouping sets ((sector), ())""", ps -> {
            ps.setObject(1, scoredOn);
            ps.setString(2, SsiModel.VERSION);
            for (int i = 3; i <= 7; i++) {
                ps.setInt(i, Baselines.MIN_PEERS);
            }
            ps.setTimestamp(8, Timestamp.from(clock.now()));
        });
        return baselines(scoredOn).orElseThrow();
    }

    /** The baselines filed under {@code scoredOn}, else the latest before it. */
    public Optional<Baselines> baselines(LocalDate scoredOn) {
        var rows = query("""
                        select sector, startups, headcount_growth, mau_growth, revenue_growth, mau_latest, funding_total_krw
                        from ssi_sector_baseline where model_version = ? and scored_on = (
                            select max(scored_on) from ssi_sector_baseline where model_version = ? and scored_on <= ?)""",
                ps -> {
                    ps.setString(1, SsiModel.VERSION);
                    ps.setString(2, SsiModel.VERSION);
                    ps.setObject(3, scoredOn);
                },
                rs -> new Baselines.SectorBaseline(rs.getString(1), rs.getInt(2), (Double) rs.getObject(3),
                        (Double) rs.getObject(4), (Double) rs.getObject(5), (Double) rs.getObject(6),
                        (Double) rs.getObject(7)));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var map = new HashMap<String, Baselines.SectorBaseline>();
        rows.forEach(r -> map.put(r.sector(), r));
        return Optional.of(new Baselines(map));
    }

    /**
     * Files a page of scores under {@code scoredOn} (a re-run the same day replaces them) and copies each overall to
     * the startup for search: two statements per page.
     */
    public void storeScores(List<SsiScore> scores, LocalDate scoredOn, Instant computedAt) {
        fileScores(scores, scoredOn, computedAt);
        copyOveralls(scores, computedAt);
    }

    /** Files a page of scores under {@code scoredOn} (replacing that day's): one multi-row statement. */
    public void fileScores(List<SsiScore> scores, LocalDate scoredOn, Instant computedAt) {
        if (scores.isEmpty()) {
            return;
        }
        update("""
                insert into ssi_score (startup_id, scored_on, model_version, overall, team, product, potential,
                                       performance, enough_data, explanation, computed_at)
                select u.id, ?, u.v, round(u.o::numeric, 1), round(u.t::numeric, 1), round(u.pr::numeric, 1),
                       round(u.po::numeric, 1), round(u.pe::numeric, 1), u.o is not null, u.e::json, ?
                from unnest(?::uuid[], ?::varchar[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                            ?::text[]) as u(id, v, o, t, pr, po, pe, e)
                on conflict (startup_id, scored_on, model_version) do update set overall = excluded.overall,
                    team = excluded.team, product = excluded.product, potential = excluded.potential,
                    performance = excluded.performance, enough_data = excluded.enough_data,
                    explanation = excluded.explanation, computed_at = excluded.computed_at
                where (ssi_score.overall, ssi_score.team, ssi_score.product, ssi_score.potential, ssi_score.performance,
                       ssi_score.explanation::text)
                      is distinct from (excluded.overall, excluded.team, excluded.product, excluded.potential,
                                        excluded.performance, excluded.explanation::text)""", ps -> {
            var c = ps.getConnection();
            ps.setObject(1, scoredOn);
            ps.setTimestamp(2, Timestamp.from(computedAt));
            ps.setArray(3, c.createArrayOf("uuid", column(scores, SsiScore::startupId)));
            ps.setArray(4, c.createArrayOf("varchar", column(scores, SsiScore::modelVersion)));
            ps.setArray(5, c.createArrayOf("float8", column(scores, s -> SsiScore.round1(s.overall()))));
            ps.setArray(6, c.createArrayOf("float8", column(scores, s -> SsiScore.round1(s.pillar(Pillar.TEAM)))));
            ps.setArray(7, c.createArrayOf("float8", column(scores, s -> SsiScore.round1(s.pillar(Pillar.PRODUCT)))));
            ps.setArray(8, c.createArrayOf("float8", column(scores, s -> SsiScore.round1(s.pillar(Pillar.POTENTIAL)))));
            ps.setArray(9, c.createArrayOf("float8", column(scores, s -> SsiScore.round1(s.pillar(Pillar.PERFORMANCE)))));
            ps.setArray(10, c.createArrayOf("text", column(scores, SsiScore::explanationJson)));
        });
    }

    /** Copies each overall to its startup, which owns the column search filters and sorts on: one statement per page. */
    public void copyOveralls(List<SsiScore> scores, Instant computedAt) {
        startups.recordSsi(scores.stream().map(SsiScore::startupId).toList(),
                scores.stream().map(s -> SsiScore.round1(s.overall())).toList(), computedAt);
    }

    /**
     * The day's scores of this model version, and the features stored. {@code ssi_feature} is unlogged: PostgreSQL
     * empties it after a crash, so a run whose database restarted after its features step finds fewer features than
     * it scored (every startup scored on the day has its features stored: the job draws every startup, score-now
     * stores the one it scores).
     */
    public record Tally(long scored, long enoughData, long features) {

        /** "100000 startups, 96512 with enough data". */
        public String summary() {
            return scored + " startups, " + enoughData + " with enough data";
        }

        public boolean featuresLost() {
            return features < scored;
        }
    }

    public Tally tally(LocalDate scoredOn) {
        return query("""
                        select count(*), count(*) filter (where enough_data), (select count(*) from ssi_feature)
                        from ssi_score where scored_on = ? and model_version = ?""",
                ps -> {
                    ps.setObject(1, scoredOn);
                    ps.setString(2, SsiModel.VERSION);
                }, rs -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).get(0);
    }

    /**
     * Whether there are startups but no features: the features step drew none, or (the table is unlogged) PostgreSQL
     * restarted since and emptied them.
     */
    public boolean noFeatures() {
        return query("select not exists (select 1 from ssi_feature) and exists (select 1 from startup)", ps -> { },
                rs -> rs.getBoolean(1)).get(0);
    }

    /**
     * Scores one startup now (an admin's request, e.g. after correcting its figures), against today's sector baselines
     * (the latest if the job has not run today; computed from the stored features if it never ran), files it under
     * today and audits the change of its overall.
     */
    @RolesAllowed("ADMIN")
    public SsiScore scoreNow(UUID startupId) {
        var one = factsOf(startupId).orElseThrow(() -> new NotFoundException("Startup", startupId));
        var today = today();
        var at = clock.now();
        var features = Features.of(one, today);
        storeFeatures(List.of(features), at);
        var baselines = baselines(today).orElseGet(() -> computeBaselines(today));
        var score = SsiModel.score(features, baselines);
        var before = query("select ssi_overall from startup where id = ?", ps -> ps.setObject(1, startupId),
                rs -> rs.getBigDecimal(1)).get(0);
        storeScores(List.of(score), today, at);
        audit.record(Caller.actor(context.getCallerPrincipal()),
                "ssi.scored", "startup", startupId.toString(), before == null ? null : before.toPlainString(),
                score.overall() == null ? "not enough data" : SsiScore.round1(score.overall()) + " (" + score.modelVersion() + ")");
        return score;
    }

    private Optional<StartupFacts> factsOf(UUID id) {
        return facts("select id, sector, founded_on, stage from startup where id = ?",
                ps -> ps.setObject(1, id, Types.OTHER)).stream().findFirst();
    }

    // ------------------------------------------------------------------ JDBC plumbing

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static String range(String column, UUID after, UUID upTo) {
        return (after == null ? "true" : column + " > ?") + " and " + (upTo == null ? "true" : column + " <= ?");
    }

    /** Binds the range's bounds; returns the next parameter index. */
    private static int bind(PreparedStatement ps, UUID after, UUID upTo) throws SQLException {
        int i = 1;
        if (after != null) {
            ps.setObject(i++, after, Types.OTHER);
        }
        if (upTo != null) {
            ps.setObject(i++, upTo, Types.OTHER);
        }
        return i;
    }

    private static <T> Object[] column(List<T> rows, Function<T, ?> value) {
        var out = new Object[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value.apply(rows.get(i));
        }
        return out;
    }

    private <T> Map<UUID, List<T>> grouped(String sql, UUID first, UUID last, Row<T> row) {
        var out = new LinkedHashMap<UUID, List<T>>();
        try (Connection c = db.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, first, Types.OTHER);
            ps.setObject(2, last, Types.OTHER);
            ps.setFetchSize(5_000);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(row.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (Connection c = db.getConnection(); var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            var out = new ArrayList<T>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

-- The startup information platform: what investors read before they decide. A startup gets an English name, aliases
-- (what the press calls it; news matching uses them), a stage and a website; its team, its monthly figures and the
-- rounds it raised outside Picktartup live in their own tables. Every change goes through the application, which
-- audits it (old -> new) and refreshes the startup's search vector.
alter table startup add column name_en varchar(120);
alter table startup add column aliases varchar(500) not null default '';
alter table startup add column stage varchar(20) not null default 'SEED'
    check (stage in ('PRE_SEED', 'SEED', 'PRE_A', 'SERIES_A', 'SERIES_B', 'SERIES_C', 'PRE_IPO'));
alter table startup add column website varchar(300);
-- The latest Startup Success Index, copied here by the SSI job so search can filter and sort on it; null until
-- scored, and null when the startup has too little data to be scored (its history says which).
alter table startup add column ssi_overall numeric(5, 1) check (ssi_overall between 0 and 100);
alter table startup add column ssi_scored_at timestamptz;

-- The team as the startup presents it; position orders the list.
create table startup_member (
    id          uuid          primary key,
    startup_id  uuid          not null references startup (id),
    position    int           not null,
    name        varchar(100)  not null,
    role        varchar(100)  not null,
    joined_on   date,
    bio         varchar(500),
    unique (startup_id, position)
);

-- Monthly figures (period = the month's first day). Each figure is optional: a startup reports what it has.
-- Money in won; retention = the share (0..1) of last month's active users active again this month.
create table startup_figure (
    startup_id            uuid          not null references startup (id),
    period                date          not null check (extract(day from period) = 1),
    headcount             int           check (headcount >= 0),
    mau                   bigint        check (mau >= 0),
    retention             numeric(5, 4) check (retention between 0 and 1),
    revenue_krw           bigint        check (revenue_krw >= 0),
    operating_profit_krw  bigint,
    cash_krw              bigint        check (cash_krw >= 0),
    burn_krw              bigint        check (burn_krw >= 0),
    updated_at            timestamptz   not null,
    primary key (startup_id, period)
);

-- Rounds raised outside Picktartup (angels, VCs, grants), for the funding history.
create table external_funding (
    id            uuid          primary key,
    startup_id    uuid          not null references startup (id),
    round_name    varchar(60)   not null,
    announced_on  date          not null,
    amount_krw    bigint        not null check (amount_krw > 0),
    investors     varchar(300)  not null default ''
);
create index external_funding_startup on external_funding (startup_id, announced_on);

-- Keyword search. PostgreSQL's text search has no Korean dictionary, and Korean users type parts of words ("핀테"
-- for "핀테크"). So the searchable text is indexed twice over, in one tsvector with the 'simple' configuration:
-- every word as it is (prefix queries `word:*` find English partial words), and every Hangul word also as its
-- overlapping two-syllable pieces (bigrams), in order, so a Korean fragment of two or more syllables is a phrase
-- query of bigrams ("핀테" ; "핀테크" -> 핀테 <-> 테크) that the GIN index answers. Trigrams (pg_trgm) index the
-- names for typo-tolerant fallback ("did you mean"): they need three characters, and a two-syllable Korean
-- fragment has none, which is why they are not the main index.
create extension if not exists pg_trgm;

create function search_terms(t text) returns text
    language sql immutable parallel safe as $$
    select coalesce(t, '') || ' ' || coalesce((
        select string_agg(substr(m.w[1], i, 2), ' ' order by m.ord, i)
        from regexp_matches(coalesce(t, ''), '[가-힣]{2,}', 'g') with ordinality as m(w, ord),
             generate_series(1, char_length(m.w[1]) - 1) as i), '')
$$;

-- A: names and aliases; B: sector, pitch and the team's names; C: the description.
create function startup_search_vector(p_id uuid) returns tsvector
    language sql stable as $$
    select setweight(to_tsvector('simple', search_terms(s.name || ' ' || coalesce(s.name_en, '') || ' '
                                                      || replace(s.aliases, ',', ' '))), 'A')
        || setweight(to_tsvector('simple', search_terms(s.sector || ' ' || s.pitch || ' '
               || coalesce((select string_agg(m.name, ' ') from startup_member m where m.startup_id = s.id), ''))), 'B')
        || setweight(to_tsvector('simple', search_terms(s.description)), 'C')
    from startup s where s.id = p_id
$$;

alter table startup add column search_vector tsvector;
update startup set search_vector = startup_search_vector(id);
alter table startup alter column search_vector set not null;
alter table startup alter column search_vector set default ''::tsvector;
create index startup_search on startup using gin (search_vector);
create index startup_name_trgm on startup using gin ((lower(name || ' ' || coalesce(name_en, ''))) gin_trgm_ops);
create index startup_ssi on startup (ssi_overall desc nulls last);
create index startup_created on startup (created_at desc);
create index startup_sector on startup (lower(sector));

-- Crawled news per startup. Admins configure the sources (feeds and listing pages); the nightly news-crawl job reads
-- them politely (robots.txt, a per-host interval, timeouts, a size cap), matches articles to startups by name and
-- aliases, and stores one row per (startup, article). The same article is kept once per startup: by its normalised
-- URL (the unique key below) and by a near-identical title (checked by the application against the startup's
-- recent titles).
create table news_source (
    id          uuid          primary key,
    url         varchar(2000) not null,
    kind        varchar(10)   not null check (kind in ('RSS', 'ATOM', 'HTML')),
    name        varchar(120)  not null,
    enabled     boolean       not null default true,
    added_by    varchar(64)   not null,
    created_at  timestamptz   not null
);
create unique index news_source_url on news_source (url);

create table news_article (
    id                uuid          primary key,
    startup_id        uuid          not null references startup (id),
    url               varchar(2000) not null,
    title             varchar(500)  not null,
    title_normalised  varchar(500)  not null,
    source_name       varchar(120)  not null,
    published_at      timestamptz,
    summary           varchar(500)  not null default '',
    fetched_at        timestamptz   not null,
    unique (startup_id, url)
);
-- the public list: newest first (an article without a date counts from when it was fetched)
create index news_article_startup on news_article (startup_id, (coalesce(published_at, fetched_at)) desc);

-- What each run did with each source, for operators (GET /api/admin/news/runs) and the job's exit status.
-- hostile = too big, too slow, malformed or of an unexpected type; failed = HTTP errors and unreachable hosts.
create table news_crawl_stat (
    id                uuid          primary key,
    execution_id      bigint        not null,
    source_id         uuid,
    source_name       varchar(120)  not null,
    fetched           int           not null default 0,
    matched           int           not null default 0,
    stored            int           not null default 0,
    duplicates        int           not null default 0,
    skipped_robots    int           not null default 0,
    hostile           int           not null default 0,
    failed            int           not null default 0,
    recorded_at       timestamptz   not null
);
create index news_crawl_stat_execution on news_crawl_stat (execution_id);

-- Issue 17: a signed-in user applies to list their startup; an admin approves (the applicant becomes a STARTUP
-- account and the startup is registered) or rejects with a reason. One open (SUBMITTED) application per account.
create table startup_listing (
    id             uuid          primary key,
    account_id     uuid          not null references account (id),
    status         varchar(20)   not null check (status in ('SUBMITTED', 'APPROVED', 'REJECTED')),
    name           varchar(120)  not null,
    name_en        varchar(120),
    aliases        varchar(500)  not null default '',
    pitch          varchar(200)  not null,
    description    text          not null,
    sector         varchar(60)   not null,
    stage          varchar(20)   not null,
    founded_on     date          not null,
    website        varchar(300),
    ceo_name       varchar(100)  not null,
    wallet_address varchar(42)   not null,
    reason         varchar(500),
    decided_by     varchar(100),
    startup_id     uuid          references startup (id),
    created_at     timestamptz   not null,
    decided_at     timestamptz
);
create unique index startup_listing_one_open on startup_listing (account_id) where status = 'SUBMITTED';
create index startup_listing_status on startup_listing (status, created_at);

-- the supporting documents an applicant attaches (registration certificate, articles…), kept for the review
create table startup_listing_document (
    id           uuid          primary key,
    listing_id   uuid          not null references startup_listing (id),
    position     int           not null,
    file_name    varchar(200)  not null,
    content_type varchar(100)  not null,
    size_bytes   int           not null check (size_bytes > 0),
    sha256       varchar(64)   not null,
    content      bytea         not null,
    unique (listing_id, position)
);

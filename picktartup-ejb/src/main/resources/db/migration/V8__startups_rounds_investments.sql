-- The startup register (the information platform extends it later), funding rounds with their escrow contract, and
-- the investments made into them.
create table startup (
    id              uuid          primary key,
    name            varchar(120)  not null,
    pitch           varchar(200)  not null,
    description     text          not null,
    sector          varchar(60)   not null,
    founded_on      date          not null,
    ceo_account_id  uuid          not null references account (id),
    ceo_name        varchar(100)  not null,
    ceo_email       varchar(320)  not null,
    wallet_address  varchar(42)   not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    version         bigint        not null default 0
);
create unique index startup_name on startup (lower(name));
create index startup_ceo on startup (ceo_account_id);

-- Amounts in PKN base units (18 decimals) as the escrow counts them; prices and valuations in won.
-- committed = every amount that holds room under the hard cap (reserved, on its way, confirmed, being cancelled);
-- the one conditional UPDATE on it is what keeps a rush of investors under the cap.
create table funding_round (
    id                      uuid          primary key,
    startup_id              uuid          not null references startup (id),
    name                    varchar(120)  not null,
    goal                    numeric(78)   not null check (goal > 0),
    hard_cap                numeric(78)   not null,
    min_investment          numeric(78)   not null check (min_investment > 0),
    price_per_share_krw     bigint        not null check (price_per_share_krw > 0),
    pre_money_valuation_krw bigint        not null check (pre_money_valuation_krw > 0),
    won_per_token           bigint        not null check (won_per_token > 0),
    deadline                timestamptz   not null,
    terms                   text          not null,
    status                  varchar(20)   not null check (status in ('DRAFT', 'OPENING', 'OPEN', 'CLOSED', 'SUCCEEDED',
                                                                     'RELEASED', 'FAILED', 'REFUNDING', 'REFUNDED')),
    chain_round_id          varchar(66)   not null unique,
    contract_address        varchar(42),
    open_tx_hash            varchar(66),
    failure                 varchar(500),
    committed               numeric(78)   not null default 0,
    raised                  numeric(78)   not null default 0,
    created_by              uuid          not null,
    created_at              timestamptz   not null,
    opened_at               timestamptz,
    version                 bigint        not null default 0,
    check (goal <= hard_cap and min_investment <= hard_cap),
    check (committed >= 0 and committed <= hard_cap and raised >= 0 and raised <= committed)
);
create index funding_round_startup on funding_round (startup_id, created_at desc);
create index funding_round_status on funding_round (status, deadline);

-- One investment: RESERVED (room held under the cap until reserved_until) → PENDING (signed; the deposit is on its
-- way) → CONFIRMED → CANCELLING → CANCELLED; or EXPIRED (never signed), FAILED (the chain refused the deposit).
create table investment (
    id                uuid          primary key,
    round_id          uuid          not null references funding_round (id),
    startup_id        uuid          not null references startup (id),
    account_id        uuid          not null references account (id),
    investor_address  varchar(42)   not null,
    amount            numeric(78)   not null check (amount > 0),
    amount_krw        bigint        not null check (amount_krw > 0),
    shares            bigint        not null check (shares > 0),
    limit_year        int           not null,
    status            varchar(20)   not null check (status in ('RESERVED', 'PENDING', 'CONFIRMED', 'CANCELLING',
                                                               'CANCELLED', 'EXPIRED', 'FAILED')),
    reserved_until    timestamptz   not null,
    document          bytea,
    terms_hash        varchar(66),
    consent_nonce     numeric(78),
    deposit_key       varchar(120),
    deposit_tx_hash   varchar(66),
    cancel_key        varchar(120),
    cancel_tx_hash    varchar(66),
    failure           varchar(500),
    created_at        timestamptz   not null,
    signed_at         timestamptz,
    confirmed_at      timestamptz,
    ended_at          timestamptz,
    version           bigint        not null default 0
);
create index investment_round on investment (round_id, status);
create index investment_account on investment (account_id, created_at desc);
-- the yearly limits sum what an investor holds or has on its way, per year (and per startup)
create index investment_limits on investment (account_id, limit_year, startup_id)
    where status in ('RESERVED', 'PENDING', 'CONFIRMED', 'CANCELLING');
create index investment_reserved on investment (reserved_until) where status = 'RESERVED';

-- One signed wallet operation in flight per wallet: its signature uses the wallet's next token permit nonce and
-- its next consent nonce in a round, so a second one signed before the first lands would be refused on chain.
create table wallet_operation_in_flight (
    wallet_address  varchar(42)   primary key,
    business_key    varchar(120)  not null,
    created_at      timestamptz   not null
);

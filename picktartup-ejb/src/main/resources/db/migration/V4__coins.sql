-- Purchases of PKN by card.
create table coin_order (
    id             bigint generated always as identity primary key,
    account_id     uuid         not null references account (id),
    payment_id     varchar(64)  not null unique,
    krw_amount     bigint       not null check (krw_amount > 0),
    won_per_token  bigint       not null check (won_per_token > 0),
    token_amount   numeric(78)  not null check (token_amount > 0),
    wallet_address varchar(42)  not null,
    status         varchar(20)  not null check (status in ('PENDING', 'PAID', 'MINTING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    failure        varchar(500),
    tx_hash        varchar(66),
    created_at     timestamptz  not null,
    paid_at        timestamptz,
    completed_at   timestamptz,
    updated_at     timestamptz  not null,
    version        bigint       not null default 0
);
create index coin_order_account on coin_order (account_id, created_at desc);
create index coin_order_open on coin_order (status) where status in ('PENDING', 'PAID', 'MINTING', 'FAILED');

-- Every payment notification received and what was made of it (admins see refused ones here).
create table payment_notice (
    id          bigint generated always as identity primary key,
    received_at timestamptz  not null,
    source      varchar(10)  not null,
    payment_id  varchar(64),
    webhook_id  varchar(100),
    account_id  uuid,
    outcome     varchar(30)  not null,
    detail      varchar(500)
);
create index payment_notice_payment on payment_notice (payment_id, received_at);
create index payment_notice_outcome on payment_notice (outcome, received_at);

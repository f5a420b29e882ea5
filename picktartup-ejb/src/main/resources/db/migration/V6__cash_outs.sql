-- PKN cashed out: burned on chain with the holder's signature (carried by the relayer), then paid out in won.
-- The bank account number is kept in full only on the payout instruction, and wiped once it is paid.
create table cash_out (
    id              uuid         primary key,
    account_id      uuid         not null references account (id),
    wallet_address  varchar(42)  not null,
    amount          numeric(78)  not null check (amount > 0),
    won_per_token   bigint       not null check (won_per_token > 0),
    krw_amount      bigint       not null check (krw_amount > 0),
    bank_code       varchar(10)  not null,
    account_masked  varchar(40)  not null,
    holder_name     varchar(100) not null,
    status          varchar(20)  not null check (status in ('BURNING', 'BURNED', 'PAID', 'FAILED')),
    failure         varchar(500),
    burn_tx_hash    varchar(66),
    payout_reference varchar(100),
    created_at      timestamptz  not null,
    burned_at       timestamptz,
    paid_at         timestamptz,
    version         bigint       not null default 0
);
create index cash_out_account on cash_out (account_id, created_at desc);

create table payout (
    cash_out_id     uuid         primary key references cash_out (id),
    bank_code       varchar(10)  not null,
    account_number  varchar(40),
    holder_name     varchar(100) not null,
    krw_amount      bigint       not null check (krw_amount > 0),
    status          varchar(20)  not null check (status in ('WAITING', 'PAYABLE', 'PAID', 'CANCELLED')),
    provider_reference varchar(100),
    created_at      timestamptz  not null,
    paid_at         timestamptz,
    version         bigint       not null default 0
);
create index payout_payable on payout (status) where status = 'PAYABLE';

-- Outbox of chain transactions. A business change inserts its intent here in the same transaction; the dispatcher
-- signs (nonce allocated under the relayer_nonce row lock, raw bytes stored before broadcast), broadcasts, tracks
-- receipts and confirmations. business_key is unique: a repeated intent is the same intent.
create table chain_transaction (
    id             bigint generated always as identity primary key,
    business_key   varchar(200) not null unique,
    kind           varchar(50)  not null,
    from_address   varchar(42)  not null,
    to_address     varchar(42)  not null,
    call_data      text         not null,
    -- signed only once the intent with this business key is confirmed (e.g. refunds after finalize)
    after_key      varchar(200),
    gas_limit      numeric(20)  not null check (gas_limit > 0),
    status         varchar(20)  not null check (status in ('QUEUED', 'SIGNED', 'SENT', 'MINED', 'CONFIRMED', 'FAILED')),
    nonce          numeric(20),
    gas_price      numeric(40),
    tx_hash        varchar(66),
    block_number   bigint,
    failure        varchar(2000),
    attempts       integer      not null default 0,
    created_at     timestamptz  not null,
    signed_at      timestamptz,
    sent_at        timestamptz,
    mined_at       timestamptz,
    confirmed_at   timestamptz,
    updated_at     timestamptz  not null,
    version        bigint       not null default 0,
    unique (from_address, nonce)
);
create index chain_transaction_open on chain_transaction (status, id) where status in ('QUEUED', 'SIGNED', 'SENT', 'MINED');

-- Every signed version of a transaction (a stuck one is re-signed with the same nonce and a higher gas price):
-- any of them may be the one that gets mined.
create table chain_transaction_attempt (
    id                   bigint generated always as identity primary key,
    chain_transaction_id bigint      not null references chain_transaction (id),
    tx_hash              varchar(66) not null unique,
    raw_transaction      text        not null,
    gas_price            numeric(40) not null,
    signed_at            timestamptz not null
);
create index chain_transaction_attempt_tx on chain_transaction_attempt (chain_transaction_id);

-- One nonce counter per signing account, shared by every instance: allocated under this row's lock.
create table relayer_nonce (
    address    varchar(42) primary key,
    next_nonce numeric(20) not null check (next_nonce >= 0),
    updated_at timestamptz not null
);

-- Contracts whose events are indexed.
create table chain_contract (
    address    varchar(42) primary key,
    kind       varchar(50) not null,
    from_block bigint      not null default 0,
    added_at   timestamptz not null
);

-- Contract events read from the chain, the source for histories and audits. A log removed by a reorganisation
-- is kept and flagged, never silently deleted.
create table chain_event (
    id           bigint generated always as identity primary key,
    contract     varchar(42)  not null,
    event_name   varchar(100) not null,
    block_number bigint       not null,
    block_hash   varchar(66)  not null,
    tx_hash      varchar(66)  not null,
    log_index    integer      not null,
    topics       text         not null,
    data         text         not null,
    args         text         not null,
    removed      boolean      not null default false,
    indexed_at   timestamptz  not null,
    unique (block_hash, log_index)
);
create index chain_event_contract on chain_event (contract, event_name, block_number);
create index chain_event_tx on chain_event (tx_hash);

-- How far the indexer has read, with that block's hash to notice a reorganisation.
create table chain_indexer_cursor (
    name         varchar(50) primary key,
    block_number bigint      not null,
    block_hash   varchar(66),
    updated_at   timestamptz not null
);

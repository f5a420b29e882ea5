-- Issue 20, finished: recovery of a lost wallet's shares and freezing, both through the platform (round component);
-- and the client's idempotency key on a share transfer.

-- A client's idempotency key per share transfer: the same request sent twice is the same transfer.
alter table share_transfer add column request_key varchar(100);
create unique index share_transfer_request on share_transfer (account_id, request_key) where request_key is not null;

-- One lost wallet's holding of one round's share token moving to the account's new wallet, two approvals:
-- ASKED (the investor has a new wallet) → REQUESTING (admin A queued requestRecovery, agent key 1) → REQUESTED
-- (confirmed on chain) → APPROVING (admin B, another person, queued approveRecovery, agent key 2) → RECOVERED;
-- CANCELLED from ASKED or REQUESTED (cancelRecovery queued when it was on chain). A failed intent goes back a step.
create table share_recovery (
    id             uuid         primary key,
    round_id       uuid         not null,
    account_id     uuid         not null,
    token_address  varchar(42)  not null,
    lost_address   varchar(42)  not null,
    new_address    varchar(42)  not null,
    shares         bigint       not null check (shares >= 0),
    status         varchar(20)  not null check (status in ('ASKED', 'REQUESTING', 'REQUESTED', 'APPROVING',
                                                           'RECOVERED', 'CANCELLED')),
    step           int          not null default 0,
    requested_by   varchar(100),
    requested_at   timestamptz,
    approved_by    varchar(100),
    approved_at    timestamptz,
    cancelled_by   varchar(100),
    failure        varchar(500),
    tx_hash        varchar(66),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    version        bigint       not null default 0
);
create index share_recovery_account on share_recovery (account_id, created_at desc);
-- one open recovery per lost wallet and token
create unique index share_recovery_open on share_recovery (token_address, lower(lost_address))
    where status not in ('RECOVERED', 'CANCELLED');

-- A wallet an admin froze (or unfroze) on every share token, with the reason; changes counts the changes, each one
-- the intents share-freeze:<address>:<changes>:<round>.
create table share_freeze (
    address     varchar(42)  primary key,
    frozen      boolean      not null,
    reason      varchar(500) not null,
    changed_by  varchar(100) not null,
    changed_at  timestamptz  not null,
    changes     int          not null default 1,
    version     bigint       not null default 0
);

-- Accounts, their wallets, login sessions (refresh-token families) and brute-force throttling.

create table account (
    id                uuid         primary key,
    email             varchar(254) not null unique,
    name              varchar(100) not null,
    -- PHC string, e.g. $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>; never the password
    password_hash     varchar(200) not null,
    role              varchar(16)  not null check (role in ('INVESTOR', 'STARTUP', 'ADMIN')),
    investor_category varchar(16)  not null default 'GENERAL'
                                   check (investor_category in ('GENERAL', 'QUALIFIED', 'PROFESSIONAL')),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0
);

-- One custodial wallet per account: only the Web3 Secret Storage keystore (encrypted with the wallet password,
-- which is never stored) and the checksummed address.
create table wallet (
    account_id  uuid        primary key references account (id),
    address     varchar(42) not null unique check (address ~ '^0x[0-9a-fA-F]{40}$'),
    keystore    text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);

-- A login session: every refresh token issued from one login belongs to its family; revoking the family ends the
-- session for every token in it (logout, reuse of a rotated token).
create table session_family (
    id             uuid        primary key,
    account_id     uuid        not null references account (id),
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason varchar(50)
);
create index session_family_account on session_family (account_id);

-- Opaque refresh tokens, stored as their SHA-256 (hex). used_at is set when the token is rotated: presenting it
-- again is a reuse, which revokes its family.
create table refresh_token (
    token_hash  char(64)    primary key,
    family_id   uuid        not null references session_family (id),
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index refresh_token_family on refresh_token (family_id);

-- Failed attempts per key (account:<email>, ip:<address>, wallet:<account id>) in the current window, and until
-- when the key is refused. In the database so that every application instance sees the same counts.
create table auth_throttle (
    throttle_key      varchar(300) primary key,
    failures          integer      not null,
    window_started_at timestamptz  not null,
    blocked_until     timestamptz
);

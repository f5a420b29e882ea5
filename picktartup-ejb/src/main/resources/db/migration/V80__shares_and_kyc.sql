-- Issue 20: share tokens of released rounds (round component) and KYC reviews (kyc component).

-- One row per released round whose share token the platform creates and issues (ShareIssuance): CREATING (the
-- factory's createShareToken queued) → ISSUING (token known, issueNext chunks queued) → ISSUED (the token's issue
-- cursor reached the escrow's investor count: total supply = the round's confirmed shares).
create table share_issue (
    round_id      uuid         primary key,
    token_address varchar(42),
    lockup_end    timestamptz,
    status        varchar(20)  not null check (status in ('CREATING', 'ISSUING', 'ISSUED')),
    issue_chunks  int          not null default 0,
    created_at    timestamptz  not null,
    issued_at     timestamptz
);

-- A holder's signed share transfer, carried by the relayer (transferBySig) under the intent key share-transfer:<id>.
create table share_transfer (
    id           uuid         primary key,
    round_id     uuid         not null,
    account_id   uuid         not null,
    from_address varchar(42)  not null,
    to_address   varchar(42)  not null,
    shares       bigint       not null check (shares > 0),
    nonce        bigint       not null,
    status       varchar(20)  not null check (status in ('PENDING', 'CONFIRMED', 'FAILED')),
    failure      varchar(500),
    tx_hash      varchar(66),
    created_at   timestamptz  not null,
    settled_at   timestamptz,
    unique (from_address, round_id, nonce)
);
create index share_transfer_account on share_transfer (account_id, created_at desc);

-- A KYC review of an account's identity: the provider's applicant and answer, the level an admin granted, and the
-- chain intent that wrote it to the eligibility registry (eligibility:<review id>).
create table kyc_review (
    id              uuid         primary key,
    account_id      uuid         not null,
    wallet_address  varchar(42)  not null,
    provider        varchar(40)  not null,
    applicant_id    varchar(100) not null,
    provider_answer varchar(20)  not null check (provider_answer in ('GREEN', 'RED', 'PENDING')),
    status          varchar(20)  not null check (status in ('SUBMITTED', 'APPROVED', 'REJECTED')),
    level           int          not null default 0 check (level between 0 and 2),
    reason          varchar(500),
    decided_by      varchar(100),
    created_at      timestamptz  not null,
    decided_at      timestamptz
);
create index kyc_review_account on kyc_review (account_id, created_at desc);
create index kyc_review_open on kyc_review (status, created_at) where status = 'SUBMITTED';

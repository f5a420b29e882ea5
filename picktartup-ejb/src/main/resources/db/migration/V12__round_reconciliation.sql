-- Every reconciliation of a round's ledger with its escrow's events and balance, with its verdict and findings.
-- Rows are only ever added: a mismatch stays on record (and raises an alert) until someone explains it.
create table round_reconciliation (
    id              bigint generated always as identity primary key,
    round_id        uuid          not null references funding_round (id),
    checked_at      timestamptz   not null,
    verdict         varchar(20)   not null check (verdict in ('OK', 'MISMATCH', 'PENDING')),
    findings        text          not null,
    ledger_balance  numeric(78)   not null,
    escrow_balance  numeric(78)   not null,
    events_up_to    bigint        not null
);
create index round_reconciliation_round on round_reconciliation (round_id, checked_at desc);

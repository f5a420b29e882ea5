-- PKN sent from a user's wallet to another address: authorised by the owner's EIP-2612 permit (signed with the
-- wallet password), carried by the relayer as permit then transferFrom through the chain outbox.
create table wallet_transfer (
    id            uuid         primary key,
    account_id    uuid         not null references account (id),
    from_address  varchar(42)  not null,
    to_address    varchar(42)  not null,
    amount        numeric(78)  not null check (amount > 0),
    status        varchar(20)  not null check (status in ('PENDING', 'CONFIRMED', 'FAILED')),
    failure       varchar(500),
    tx_hash       varchar(66),
    created_at    timestamptz  not null,
    settled_at    timestamptz,
    version       bigint       not null default 0
);
create index wallet_transfer_account on wallet_transfer (account_id, created_at desc);
-- one transfer in flight per wallet: its permit uses the wallet's next token nonce
create unique index wallet_transfer_one_pending on wallet_transfer (from_address) where status = 'PENDING';

-- PKN on their way out of a wallet, one row per movement, keyed like the movement's chain intent: a reserved or
-- pending investment ('round-deposit:<id>'), a cash-out burning ('cash-out:<id>'), a transfer sending
-- ('transfer:<id>'). Spendable = the token balance − the holds not yet in a block (in_block: the balance read from
-- the chain shows the movement already); a hold ends when its intent is final or fails.
create table wallet_hold (
    business_key    varchar(120)  primary key,
    wallet_address  varchar(42)   not null,
    amount          numeric(78)   not null check (amount > 0),
    in_block        boolean       not null default false,
    created_at      timestamptz   not null
);
create index wallet_hold_wallet on wallet_hold (wallet_address);

-- one key per intent kind: the cash-out's burn was queued as kind 'cash-out' under 'cashout:<id>'
update chain_transaction set business_key = 'cash-out:' || substr(business_key, 9)
    where kind = 'cash-out' and business_key like 'cashout:%';
update chain_transaction set after_key = 'cash-out:' || substr(after_key, 9) where after_key like 'cashout:%';
update wallet_operation_in_flight set business_key = 'cash-out:' || substr(business_key, 9)
    where business_key like 'cashout:%';

-- what is on its way now
insert into wallet_hold (business_key, wallet_address, amount, created_at)
    select 'round-deposit:' || id, lower(investor_address), amount, created_at from investment
    where status in ('RESERVED', 'PENDING');
insert into wallet_hold (business_key, wallet_address, amount, created_at)
    select 'cash-out:' || id, lower(wallet_address), amount, created_at from cash_out where status = 'BURNING';
insert into wallet_hold (business_key, wallet_address, amount, created_at)
    select 'transfer:' || id, lower(from_address), amount, created_at from wallet_transfer where status = 'PENDING';
update wallet_hold h set in_block = true from chain_transaction t
    where t.business_key = h.business_key and t.status = 'MINED';

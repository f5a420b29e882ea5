-- Settlement after the deadline: the round's outcome on chain, then release or refunds (in chunks), each through the
-- chain outbox with a business key per step, so a restarted settlement repeats nothing.
alter table investment drop constraint investment_status_check;
alter table investment add constraint investment_status_check check (status in ('RESERVED', 'PENDING', 'CONFIRMED',
    'CANCELLING', 'CANCELLED', 'EXPIRED', 'FAILED', 'REFUNDED'));
alter table investment add column refund_tx_hash varchar(66);

alter table funding_round add column refund_chunks int not null default 0;
alter table funding_round add column settle_tx_hash varchar(66);
alter table funding_round add column settled_at timestamptz;

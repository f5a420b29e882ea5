-- Deposits carried in one depositBatch transaction (issue 14 §4, issue 19 §3): the batch is a chain_transaction of
-- its own (kind 'round-deposit-batch': nonce, attempts, receipts, finality, reorganisations as any other); each
-- deposit intent it carries keeps its own row, business key and outcome, in status BATCHED until the batch is final
-- (then CONFIRMED by its Deposited event, or FAILED with its DepositSkipped reason), and points at the batch.
alter table chain_transaction add column carrier_id bigint references chain_transaction (id);
alter table chain_transaction drop constraint chain_transaction_status_check;
alter table chain_transaction add constraint chain_transaction_status_check
    check (status in ('QUEUED', 'BATCHED', 'SIGNED', 'SENT', 'MINED', 'CONFIRMED', 'FAILED'));
create index chain_transaction_carrier on chain_transaction (carrier_id) where carrier_id is not null;
drop index chain_transaction_open;
create index chain_transaction_open on chain_transaction (status, id)
    where status in ('QUEUED', 'BATCHED', 'SIGNED', 'SENT', 'MINED');

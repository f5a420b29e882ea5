-- The gas a mined transaction used (from its receipt): what each deposit, refund or release cost, per business key.
alter table chain_transaction add column gas_used numeric(20);

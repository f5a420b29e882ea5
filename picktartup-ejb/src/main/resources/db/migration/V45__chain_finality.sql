-- Finality of indexed events. The indexer now reads up to the chain's head, so it sees (and rewinds) a
-- reorganisation of recent blocks; an event counts for the platform only once its block is final (is_final).
-- Rows indexed before this migration were read up to the final block only: they are final.
alter table chain_event add column is_final boolean not null default true;
create index chain_event_not_final on chain_event (block_number) where not is_final;

-- The newest block whose events count as final (never past block_number, the last block read).
alter table chain_indexer_cursor add column final_block bigint;
update chain_indexer_cursor set final_block = block_number;

-- The hashes of the recent blocks the indexer read: after a reorganisation it walks back through them to the last
-- block the chain still has (the common ancestor) and re-reads from there.
create table chain_block (
    block_number bigint      primary key,
    block_hash   varchar(66) not null,
    indexed_at   timestamptz not null
);

-- When a hold's movement entered a block (the indexer's business time). A hold in a block stops counting, because the
-- balance read from the chain shows the movement; but a balance read before that moment may not show it yet. A
-- reservation reads its balance before it queues for its round's batch (group commit), so the batch counts the holds
-- that entered a block after that read as still held: it may refuse a little early, never overspend.
alter table wallet_hold add column in_block_at timestamptz;
update wallet_hold set in_block_at = created_at where in_block;

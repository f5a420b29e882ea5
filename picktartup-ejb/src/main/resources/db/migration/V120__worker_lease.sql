-- Issue 18: several instances, one platform. Each continuous worker (chain dispatcher, indexer, mail sender,
-- reservation expiry, ...) runs on the one instance holding its lease. A holder renews every few seconds; a lease not
-- renewed for its TTL is free for any instance to take (one conditional UPDATE). The epoch grows at every change of
-- holder: a fencing token the dispatcher checks in the transaction that allocates nonces, so an instance that lost
-- its lease while paused cannot sign after the new holder started.
create table worker_lease (
    name       varchar(60)  primary key,
    holder     varchar(120) not null,
    epoch      bigint       not null check (epoch > 0),
    expires_at timestamptz  not null
);

-- A client's Idempotency-Key on a reservation: the same request sent twice (a double click, a retry after a lost
-- answer) is one reservation, never two that each hold room in the round and count against the limits.
alter table investment add column request_key varchar(100);
create unique index investment_request_key on investment (account_id, request_key) where request_key is not null;

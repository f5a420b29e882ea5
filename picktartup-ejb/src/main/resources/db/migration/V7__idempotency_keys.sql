-- A client's idempotency key per money movement: the same request sent twice (a double click, a retried call, a
-- re-submitted form) is the same transfer or cash-out.
alter table wallet_transfer add column request_key varchar(100);
create unique index wallet_transfer_request on wallet_transfer (account_id, request_key) where request_key is not null;
alter table cash_out add column request_key varchar(100);
create unique index cash_out_request on cash_out (account_id, request_key) where request_key is not null;

-- An admin-set value per share (e.g. after an outside round or a valuation report): when set, it is what a share is
-- worth in investors' returns; otherwise the price of the startup's latest round is.
alter table startup add column value_per_share_krw bigint check (value_per_share_krw > 0);
alter table startup add column valued_at timestamptz;

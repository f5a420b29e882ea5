-- Issue 14 item 6: payouts through a bank-transfer API with their state (and idempotency) in the database, a failed
-- payout retried then returned to the wallet; webhook ids seen once.

-- The payout instruction: the request id sent to the provider as its idempotency key (KFTC Open Banking's
-- bank_tran_id: institution code + 'U' + 9 characters), the attempts so far, when the next one is due, the last
-- error; RETURNING/RETURNED when it failed for good and the PKN go back to the wallet (a mint of their own).
alter table payout add column request_id varchar(20);
update payout set request_id = 'M000000000U' || upper(substr(replace(cash_out_id::text, '-', ''), 1, 9))
    where request_id is null;
alter table payout alter column request_id set not null;
alter table payout add constraint payout_request_id unique (request_id);
alter table payout add column attempts int not null default 0 check (attempts >= 0);
alter table payout add column next_attempt_at timestamptz;
alter table payout add column last_error varchar(500);
alter table payout add column verified_holder varchar(100);
alter table payout add column returned_at timestamptz;
alter table payout drop constraint payout_status_check;
alter table payout add constraint payout_status_check
    check (status in ('WAITING', 'PAYABLE', 'PAID', 'CANCELLED', 'RETURNING', 'RETURNED'));
update payout set next_attempt_at = now() where status = 'PAYABLE';
drop index payout_payable;
create index payout_due on payout (next_attempt_at) where status = 'PAYABLE';

alter table cash_out drop constraint cash_out_status_check;
alter table cash_out add constraint cash_out_status_check
    check (status in ('BURNING', 'BURNED', 'PAID', 'FAILED', 'RETURNING', 'RETURNED'));
alter table cash_out add column returned_at timestamptz;

-- Card-bought PKN are held from cash-out and transfers off the platform for a while after the payment:
-- the lookup is by buyer and payment time.
create index coin_order_paid on coin_order (account_id, paid_at) where paid_at is not null;

-- Each verified webhook id once: a delivery whose id is here already is answered 200 and does nothing (no notice,
-- no look-up). Written in the transaction that handles the webhook, so a delivery that failed (503) is not
-- remembered and its retry is handled.
create table payment_webhook (
    webhook_id  varchar(100) primary key,
    received_at timestamptz  not null
);

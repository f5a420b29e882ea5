-- The mail outbox: a mail is written in the transaction of the business change that causes it and sent later by
-- the mail sender, with retries; a mail server that is down delays mails, it never loses one.
create table mail_message (
    id              uuid          primary key,
    business_key    varchar(200)  not null unique,
    recipient       varchar(320)  not null,
    subject         varchar(300)  not null,
    body            text          not null,
    status          varchar(10)   not null check (status in ('QUEUED', 'SENT', 'FAILED')),
    attempts        integer       not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz   not null,
    last_error      varchar(500),
    created_at      timestamptz   not null,
    sent_at         timestamptz
);
-- what the sender polls: due queued mails, oldest first
create index mail_message_due on mail_message (next_attempt_at) where status = 'QUEUED';
create index mail_message_status on mail_message (status, created_at desc);

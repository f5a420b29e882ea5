-- Issue 15 (signup abuse, account lifecycle). Accounts existing before this migration count as verified.
-- status: an admin disables an account (no login, every session ends) and enables it again.
-- email_verified_at: set when the owner follows the link mailed at signup; no login (and so no money) before it.
-- verification_token_hash: SHA-256 (hex) of the single-use token of that link, with its expiry; null once used.
-- password_change_required: the first admin's initial password from configuration must be changed at first login.
alter table account
    add column status                  varchar(16) not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    add column email_verified_at       timestamptz,
    add column verification_token_hash varchar(64),
    add column verification_expires_at timestamptz,
    add column password_change_required boolean    not null default false;

update account set email_verified_at = created_at;

create unique index account_verification_token on account (verification_token_hash)
    where verification_token_hash is not null;


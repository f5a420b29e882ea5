-- Run-time settings that operators change without a redeploy.
create table app_setting (
    setting_key   varchar(100)  primary key,
    setting_value varchar(2000) not null,
    updated_at    timestamptz   not null,
    version       bigint        not null default 0
);

-- Append-only audit trail: the application never updates or deletes a row.
create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz  not null,
    actor        varchar(100) not null,
    action       varchar(100) not null,
    subject_type varchar(50)  not null,
    subject_id   varchar(100) not null,
    old_value    varchar(4000),
    new_value    varchar(4000)
);
create index audit_event_subject on audit_event (subject_type, subject_id, occurred_at);
create index audit_event_time on audit_event (occurred_at);

-- Refuse edits of the trail even from a careless migration or console session.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create table waitlist_entry (
    id        bigint generated always as identity primary key,
    email     varchar(254) not null unique,
    language  varchar(2)   not null check (language in ('ko', 'en')),
    joined_at timestamptz  not null
);

insert into app_setting (setting_key, setting_value, updated_at) values ('platform.investments-open', 'false', now());

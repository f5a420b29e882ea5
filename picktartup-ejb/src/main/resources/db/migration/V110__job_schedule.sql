-- Each nightly job's schedule, in the database so that it survives restarts and an admin can change it without a
-- redeployment. Instances claim a due job with one conditional update of next_fire_at (only one instance fires it).
create table job_schedule (
    job               varchar(60)  primary key,
    daily_at          varchar(5)   not null check (daily_at = 'off' or daily_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    zone              varchar(60)  not null,
    next_fire_at      timestamptz,
    last_fired_at     timestamptz,
    last_fire_late    boolean      not null default false,
    last_execution_id bigint,
    changed_by        varchar(100) not null,
    changed_at        timestamptz  not null,
    version           bigint       not null default 0,
    check ((daily_at = 'off') = (next_fire_at is null))
);

-- Issue 19 §5: the latest Startup Success Index that search filters and sorts on moves out of `startup` into a
-- narrow table of its own. The SSI job rewrites every startup's overall each night; on `startup` (rows of ~1-2 KB,
-- nine indexes, two of them GIN) the index on ssi_overall made each of those updates non-HOT, so every night put a
-- new entry for every startup into every index, the GIN ones included (about half of the job's time). Here a row is
-- ~50 bytes with two btree indexes, and `startup` is not written by the job at all.
--
-- One row per startup, always (search joins it with an inner join so that the planner can walk its index for
-- "strongest first"): the trigger adds the row, overall null (not scored yet), whenever a startup is inserted, by
-- the application or by a bulk load in SQL.
drop index startup_ssi;

create table startup_ssi (
    startup_id  uuid           primary key references startup (id),
    overall     numeric(5, 1)  check (overall between 0 and 100),  -- null: not scored yet, or not enough data
    scored_at   timestamptz
) with (fillfactor = 80);  -- room on each page: a night that leaves an overall as it was is a HOT update

insert into startup_ssi (startup_id, overall, scored_at) select id, ssi_overall, ssi_scored_at from startup;

-- strongest first, ties by id: the order search ranks its candidates and sorts "by SSI" in
create index startup_ssi_overall on startup_ssi (overall desc nulls last, startup_id);

alter table startup drop column ssi_overall, drop column ssi_scored_at;

create function startup_ssi_rows() returns trigger
    language plpgsql as $$
begin
    insert into startup_ssi (startup_id) select id from inserted;
    return null;
end
$$;

-- once per statement: a bulk load of 100,000 startups adds their rows in one insert
create trigger startup_ssi_rows after insert on startup referencing new table as inserted
    for each statement execute function startup_ssi_rows();

-- Operator switches: who changed a setting last; investments and signups are open unless an operator closes them
-- (the switch was stored, but nothing read it before).
alter table app_setting add column changed_by varchar(100);
update app_setting set setting_value = 'true', changed_by = 'migration' where setting_key = 'platform.investments-open';
insert into app_setting (setting_key, setting_value, updated_at, changed_by)
values ('platform.signups-open', 'true', now(), 'migration')
on conflict (setting_key) do nothing;

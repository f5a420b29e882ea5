-- A source's redirects to another host are followed only when an admin allowed it for that source (SSRF: a
-- redirect must not carry the crawler somewhere the admin never named).
alter table news_source add column redirects_to_other_hosts boolean not null default false;

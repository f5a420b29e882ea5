-- :n generated startups for the search and SSI benchmarks, led by one bench CEO (search_vector built as the application builds it)
insert into account (id, email, name, password_hash, role, created_at, updated_at)
values ('00000000-0000-0000-0000-00000000bead', 'bench-ceo@bench.local', 'Bench CEO', 'x', 'STARTUP', now(), now())
on conflict do nothing;
with ko(w) as (select unnest(array['핀테크','헬스케어','물류','모빌리티','에듀테크','푸드','바이오','로보틱스','게임','커머스','클라우드','보안','에너지','스마트팜','패션','프롭테크','반려동물','여행','뷰티','미디어'])),
     en(w) as (select unnest(array['fintech','health','logistics','mobility','edu','food','bio','robotics','games','commerce','cloud','security','energy','farm','fashion','proptech','pet','travel','beauty','media'])),
     pre(p) as (select unnest(array['하늘','바다','나무','별빛','우주','한빛','새벽','푸른','다온','미래','가온','누리','아라','비트','코드'])),
     gen as (select g, (g % 20) + 1 as k, (g / 20 % 15) + 1 as p from generate_series(1, :n) g)
insert into startup (id, name, name_en, aliases, pitch, description, sector, stage, founded_on, ceo_account_id, ceo_name,
                     ceo_email, wallet_address, created_at, updated_at, ssi_overall)
select md5('bench' || g)::uuid,
       (array(select p from pre))[p] || (array(select w from ko))[k] || ' ' || g,
       initcap((array(select w from en))[k]) || 'Co ' || g, '',
       (array(select w from ko))[k] || ' 분야의 혁신 / innovating in ' || (array(select w from en))[k],
       '우리는 ' || (array(select p from pre))[p] || ' 기술로 ' || (array(select w from ko))[k] || ' 시장을 바꿉니다. We build '
         || (array(select w from en))[k] || ' products for Korean customers, number ' || g || '.',
       'Sector ' || k, (array['PRE_SEED','SEED','PRE_A','SERIES_A','SERIES_B','SERIES_C','PRE_IPO'])[g % 7 + 1],
       date '2015-01-01' + (g % 3000), '00000000-0000-0000-0000-00000000bead', 'Bench CEO', 'bench-ceo@bench.local',
       '0x000000000000000000000000000000000000beef', now() - (g || ' seconds')::interval, now(), (g % 1000) / 10.0
from gen on conflict do nothing;
update startup set search_vector = startup_search_vector(id) where ceo_account_id = '00000000-0000-0000-0000-00000000bead';
analyze startup;

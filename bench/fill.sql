-- Bulk load of the benchmark set: users b_1 .. b_:to of app 'bench' (b_1 exists already, with the
-- avatar :'hash'); every other user follows b_1, so b_1 has :to - 1 followers; b_3 has none.
insert into users (user_id, appid, username, nickname, bio, avatar_hash, avatar_updated_at, vip_level, author_level,
                   member_until, card_count, following_count, created_at, updated_at)
select 'b_' || i, 'bench', 'u' || i, 'User ' || i, 'Bio of user ' || i, :'hash', now(), i % 31, (i * 7) % 31,
       case when i % 3 = 0 then now() + interval '30 days' end, i % 100, 1, now(), now()
from generate_series(:from, :to) as i
on conflict do nothing;
insert into follows (follower_id, followee_id, created_at)
select 'b_' || i, 'b_1', now() from generate_series(greatest(:from, 2), :to) as i
on conflict do nothing;
update users set follower_count = (select count(*) from follows where followee_id = 'b_1') where user_id = 'b_1';
analyze users;
analyze follows;

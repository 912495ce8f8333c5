-- Each user's rank on the two boards, copied onto the users row so that a profile card is one indexed row
-- lookup (LeaderboardService writes both in one transaction; leaderboard_entries stays the board itself).
alter table users add column top_author_rank integer;
alter table users add column top_vip_rank integer;

update users set top_author_rank = (select e.rank_no from leaderboard_entries e
                                    where e.board = 'author' and e.user_id = users.user_id)
where user_id in (select user_id from leaderboard_entries where board = 'author');
update users set top_vip_rank = (select e.rank_no from leaderboard_entries e
                                 where e.board = 'vip' and e.user_id = users.user_id)
where user_id in (select user_id from leaderboard_entries where board = 'vip');

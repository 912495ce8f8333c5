-- The admin listings page by keyset: each reads its rows in the order of one of these indexes, from
-- the cursor's key on, so a deep page costs what the first does. Portable SQL, as V1.

-- GET /admin/apps: every app by (created_at, appid)
create index ix_apps_created on apps (created_at, appid);

-- GET /admin/users?appid=…: an app's users by (created_at, user_id); with &username=… the unique
-- (appid, username) index of V1 finds the one user
create index ix_users_app_created on users (appid, created_at, user_id);

-- GET /admin/users/{userId}/api-keys: a user's keys by (created_at, id); it also serves every lookup
-- by user_id, so the single-column index of V1 goes
create index ix_api_keys_user_created on api_keys (user_id, created_at, id);
drop index ix_api_keys_user;

-- GET /admin/leaderboards/{board} reads the primary key (board, rank_no) of V1.

-- When a key was last used on /api/**, recorded at most once a minute per key (null: never).
alter table api_keys add column last_used_at timestamp with time zone;

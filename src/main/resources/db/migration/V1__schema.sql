-- Facecard's data model. Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- Lengths of user-facing texts are checked in code (in code points); columns leave room for
-- UTF-16 counting on H2.

create table apps (
    appid       varchar(64)              not null primary key,
    name        varchar(400)             not null,
    created_at  timestamp with time zone not null
);

-- Normalised avatars, content-addressed: hash is the lowercase hex SHA-256 of the JPEG bytes,
-- shared by every user who uploads the same picture.
create table avatars (
    hash        varchar(64)              not null primary key,
    jpeg        bytea                    not null,
    byte_size   integer                  not null,
    width       integer                  not null,
    height      integer                  not null,
    created_at  timestamp with time zone not null
);

create table users (
    user_id                 varchar(64)              not null primary key,
    appid                   varchar(64)              not null references apps (appid),
    username                varchar(256)             not null,
    nickname                varchar(256),
    bio                     varchar(4000),
    profile_bg_url          varchar(2048),
    status_sticker_url      varchar(2048),
    avatar_hash             varchar(64)              references avatars (hash),
    -- when the current avatar was set: Last-Modified of get_avatar (a hash may be older)
    avatar_updated_at       timestamp with time zone,
    vip_level               integer                  not null default 0,
    author_level            integer                  not null default 0,
    member_until            timestamp with time zone,
    official                boolean                  not null default false,
    banned                  boolean                  not null default false,
    hide_patron_identity    boolean                  not null default false,
    hide_social_from_public boolean                  not null default false,
    card_count              integer                  not null default 0,
    -- counters kept in the transaction that writes the follow row: profile reads stay O(1)
    follower_count          bigint                   not null default 0,
    following_count         bigint                   not null default 0,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    constraint uq_users_app_username unique (appid, username),
    constraint ck_users_vip_level check (vip_level between 0 and 30),
    constraint ck_users_author_level check (author_level between 0 and 30),
    constraint ck_users_card_count check (card_count >= 0),
    constraint ck_users_counters check (follower_count >= 0 and following_count >= 0)
);
create index ix_users_avatar_hash on users (avatar_hash);

create table follows (
    follower_id varchar(64)              not null references users (user_id),
    followee_id varchar(64)              not null references users (user_id),
    created_at  timestamp with time zone not null,
    constraint pk_follows primary key (follower_id, followee_id),
    constraint ck_follows_not_self check (follower_id <> followee_id)
);
create index ix_follows_followee on follows (followee_id);

-- API keys: only the SHA-256 of the token is stored.
create table api_keys (
    id          varchar(64)              not null primary key,
    user_id     varchar(64)              not null references users (user_id),
    token_hash  varchar(64)              not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone,
    constraint uq_api_keys_token_hash unique (token_hash)
);
create index ix_api_keys_user on api_keys (user_id);

-- One row per board; replacing a board locks its row so concurrent replacements serialise.
create table leaderboards (
    board       varchar(16)              not null primary key,
    updated_at  timestamp with time zone not null
);
insert into leaderboards (board, updated_at) values ('author', current_timestamp), ('vip', current_timestamp);

create table leaderboard_entries (
    board       varchar(16)              not null references leaderboards (board),
    rank_no     integer                  not null,
    user_id     varchar(64)              not null references users (user_id),
    constraint pk_leaderboard_entries primary key (board, rank_no),
    constraint uq_leaderboard_entries_user unique (board, user_id),
    constraint ck_leaderboard_entries_rank check (rank_no between 1 and 15)
);
create index ix_leaderboard_entries_user on leaderboard_entries (user_id);

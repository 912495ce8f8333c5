-- Credentials of apps on the admin API: each reaches its own app's users only. Only the SHA-256
-- of the secret is stored. Portable SQL, like V1.
create table app_credentials (
    id          varchar(64)              not null primary key,
    appid       varchar(64)              not null references apps (appid),
    token_hash  varchar(64)              not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone,
    constraint uq_app_credentials_token_hash unique (token_hash)
);
-- an app's credentials, listed oldest first
create index ix_app_credentials_app on app_credentials (appid, created_at, id);

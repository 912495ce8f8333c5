-- Small renditions of an avatar, made once when it is stored: the same image scaled to fit
-- side×side (64 and 256 pixels, only sides smaller than the image), as baseline JPEGs of the
-- stored quality. Sizes near them are answered from these bytes instead of the full image.
-- Avatars stored before renditions existed have none and are resized from the full image.
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
create table avatar_renditions (
    hash   varchar(64) not null references avatars (hash) on delete cascade,
    side   integer     not null,
    jpeg   bytea       not null,
    width  integer     not null,
    height integer     not null,
    primary key (hash, side)
);

-- The WebP of each stored avatar and rendition, encoded at upload from the same pixels as the JPEG, so that a
-- browser's WebP is as close to the upload as the JPEG is (one encoded from the JPEG adds a second loss).
-- Null for images stored before, or where the encoder failed: those are encoded from the JPEG when asked.
alter table avatars add column webp bytea;
alter table avatar_renditions add column webp bytea;

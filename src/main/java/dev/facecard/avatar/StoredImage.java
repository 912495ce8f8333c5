package dev.facecard.avatar;

import java.time.Instant;

/**
 * A row of {@link AvatarRepository}: an image's hash, bytes (null when the lookup left
 * them out: a size, which a rendition may answer), the time its URL last changed, its
 * stored dimensions (a size it fits already is answered without decoding), how many
 * renditions it has ({@link AvatarRendition}; none for avatars stored before they
 * existed) and whether its WebP was made at upload (not for avatars stored before).
 */
public record StoredImage(String hash, byte[] jpeg, Instant lastModified, int width, int height, long renditions,
		boolean webp) {

}

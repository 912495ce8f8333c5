package dev.facecard.avatar;

import java.time.Instant;

/**
 * A row of {@link AvatarRepository}: an image's hash, bytes (null when the lookup left
 * them out: a size, which a rendition may answer), the time its URL last changed, its
 * stored dimensions (a size it fits already is answered without decoding), how many
 * renditions it has ({@link AvatarRendition}; none for avatars stored before they
 * existed), whether its WebP was made at upload (not for avatars stored before), and the
 * bytes of the rendition a lookup for a size read with it (null when it read none, or the
 * image has no rendition of that size or format).
 */
public record StoredImage(String hash, byte[] jpeg, Instant lastModified, int width, int height, long renditions,
		boolean webp, byte[] rendition) {

}

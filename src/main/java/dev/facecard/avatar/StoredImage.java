package dev.facecard.avatar;

import java.time.Instant;

/**
 * A row of {@link AvatarRepository}: an image's hash, bytes (null when the lookup left
 * them out: a size the image does not fit, or a WebP answer that has its WebP), the time
 * its URL last changed, its stored dimensions (a size it fits already is answered without
 * decoding), how many renditions it has ({@link AvatarRendition}; none for avatars stored
 * before they existed), whether its WebP was made at upload (not for avatars stored
 * before), and the bytes of the made image the lookup read with it for the answer asked:
 * the rendition of the size (JPEG or WebP), or the WebP made at upload (without a size,
 * or for a size the image fits); null when it read none, or there is none.
 */
public record StoredImage(String hash, byte[] jpeg, Instant lastModified, int width, int height, long renditions,
		boolean webp, byte[] variant) {

}

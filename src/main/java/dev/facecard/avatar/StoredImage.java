package dev.facecard.avatar;

import java.time.Instant;

/**
 * A row of {@link AvatarRepository}: an image's hash, bytes, the time its URL last
 * changed, its stored dimensions (a size it fits already is answered without decoding)
 * and how many renditions it has ({@link AvatarRendition}; none for avatars stored before
 * they existed).
 */
public record StoredImage(String hash, byte[] jpeg, Instant lastModified, int width, int height, long renditions) {

	/** Without the bytes (null): a lookup for a size, which a rendition may answer. */
	public StoredImage(String hash, Instant lastModified, int width, int height, long renditions) {
		this(hash, null, lastModified, width, height, renditions);
	}

}

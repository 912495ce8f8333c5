package dev.facecard.avatar;

import java.time.Instant;

/**
 * An avatar as served: its JPEG bytes, their content hash (the strong ETag) and when it became what the
 * URL shows ({@code Last-Modified}).
 */
public record AvatarImage(String hash, byte[] jpeg, Instant lastModified) {

	/** The strong ETag of an avatar: its content hash, quoted. */
	public static String etagOf(String hash) {
		return '"' + hash + '"';
	}

}

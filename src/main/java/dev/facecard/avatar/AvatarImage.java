package dev.facecard.avatar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An avatar as served, with its header values formatted once (they are cached with it, so the hot path
 * formats nothing): the JPEG bytes, the strong ETag (the content hash, quoted) and {@code Last-Modified}.
 */
public record AvatarImage(String hash, byte[] jpeg, Instant lastModified, String etag, String lastModifiedHeader) {

	/** IMF-fixdate (RFC 9110 5.6.7). */
	static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	/** The strong ETag of an avatar: its content hash, quoted. */
	public static String etagOf(String hash) {
		return '"' + hash + '"';
	}

	/** What a cached lookup keeps: everything but the bytes, which live in their own cache by hash. */
	record Version(String hash, Instant lastModified, String etag, String lastModifiedHeader) {

		static Version of(String hash, Instant lastModified) {
			return new Version(hash, lastModified, etagOf(hash), HTTP_DATE.format(lastModified));
		}

		AvatarImage with(byte[] jpeg) {
			return new AvatarImage(this.hash, jpeg, this.lastModified, this.etag, this.lastModifiedHeader);
		}

		/** The variant of {@code size} pixels: other bytes, so a strong ETag of its own. */
		AvatarImage withSize(int size, byte[] jpeg) {
			return new AvatarImage(this.hash, jpeg, this.lastModified, '"' + this.hash + '-' + size + '"',
					this.lastModifiedHeader);
		}

	}

}

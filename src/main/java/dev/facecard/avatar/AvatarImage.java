package dev.facecard.avatar;

import java.time.Instant;

import dev.facecard.shared.web.ConditionalRequests;

/**
 * An avatar as served, with its header values formatted once (they are cached with it, so
 * the hot path formats nothing): the image bytes, their media type ({@code image/jpeg}
 * unless a WebP was asked for and made), the strong ETag (the content hash, quoted) and
 * {@code Last-Modified}.
 */
public record AvatarImage(String hash, byte[] bytes, Instant lastModified, String etag, String lastModifiedHeader,
		String contentType) {

	static final String JPEG = "image/jpeg";

	static final String WEBP = "image/webp";

	/** A JPEG. */
	AvatarImage(String hash, byte[] jpeg, Instant lastModified, String etag, String lastModifiedHeader) {
		this(hash, jpeg, lastModified, etag, lastModifiedHeader, JPEG);
	}

	/** The strong ETag of an avatar: its content hash, quoted. */
	public static String etagOf(String hash) {
		return '"' + hash + '"';
	}

	/**
	 * What a cached lookup keeps: everything but the bytes, which live in their own cache
	 * by hash; the stored dimensions tell which sizes it fits already, without decoding
	 * it, {@code renditions} whether it has the small renditions made at upload, and
	 * {@code webp} whether their WebPs and the image's were made there too.
	 */
	record Version(String hash, Instant lastModified, String etag, String lastModifiedHeader, int width, int height,
			boolean renditions, boolean webp) {

		static Version of(String hash, Instant lastModified, int width, int height, boolean renditions, boolean webp) {
			return new Version(hash, lastModified, etagOf(hash), ConditionalRequests.HTTP_DATE.format(lastModified),
					width, height, renditions, webp);
		}

		/**
		 * Whether the stored image fits {@code size}×{@code size} as it is (a variant is
		 * then the same bytes).
		 */
		boolean fits(int size) {
			return Math.max(this.width, this.height) <= size;
		}

		AvatarImage with(byte[] jpeg) {
			return new AvatarImage(this.hash, jpeg, this.lastModified, this.etag, this.lastModifiedHeader);
		}

		/**
		 * The variant of {@code size} pixels: other bytes, so a strong ETag of its own.
		 */
		AvatarImage withSize(int size, byte[] jpeg) {
			return new AvatarImage(this.hash, jpeg, this.lastModified, '"' + this.hash + '-' + size + '"',
					this.lastModifiedHeader);
		}

		/**
		 * The WebP of the stored image ({@code size} null) or of its variant of
		 * {@code size} pixels: a strong ETag apart from the JPEG's.
		 */
		AvatarImage webp(Integer size, byte[] webp) {
			String tag = '"' + this.hash + ((size != null) ? "-" + size : "") + ".webp\"";
			return new AvatarImage(this.hash, webp, this.lastModified, tag, this.lastModifiedHeader, WEBP);
		}

	}

}

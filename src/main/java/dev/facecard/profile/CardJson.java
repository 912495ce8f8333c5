package dev.facecard.profile;

import java.nio.charset.StandardCharsets;

/**
 * A card written as JSON once, when it is cached. The caller-specific {@code isFollowing}
 * is added as one more member at the end (member order carries no meaning in JSON), so no
 * request serialises a card.
 */
record CardJson(byte[] json, String etag) {

	/** A card's JSON and its strong ETag (a digest of the bytes, computed once). */
	static CardJson of(byte[] json) {
		return new CardJson(json, '"' + dev.facecard.shared.data.Sha256.hex(json).substring(0, 32) + '"');
	}

	/** The ETag of {@link #withIsFollowing}'s answer: other bytes, another tag. */
	String etag(Boolean following) {
		return (following == null) ? this.etag
				: this.etag.substring(0, this.etag.length() - 1) + (following ? "-f1\"" : "-f0\"");
	}

	private static final byte[] FOLLOWING = ",\"isFollowing\":true}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NOT_FOLLOWING = ",\"isFollowing\":false}".getBytes(StandardCharsets.UTF_8);

	/** The card's JSON, with {@code isFollowing} when it is not null. */
	byte[] withIsFollowing(Boolean following) {
		if (following == null) {
			return this.json;
		}
		byte[] member = following ? FOLLOWING : NOT_FOLLOWING;
		// the card always ends with '}' and always has members before it (userId at
		// least)
		byte[] out = new byte[this.json.length - 1 + member.length];
		System.arraycopy(this.json, 0, out, 0, this.json.length - 1);
		System.arraycopy(member, 0, out, this.json.length - 1, member.length);
		return out;
	}

}

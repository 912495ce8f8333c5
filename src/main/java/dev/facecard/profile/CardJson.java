package dev.facecard.profile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import dev.facecard.avatar.AvatarUrls;
import dev.facecard.shared.data.Sha256;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cached card: its values packed into one small array, with Jackson's escaping of each
 * text done once, and written out as the card's JSON per request by copying. Under half
 * the JSON's bytes (a quarter for the benchmark's cards), none of its member names, so
 * the same {@code facecard.cache.profile-card-bytes} holds about twice the cards
 * (bench/RESULTS.md, Notes). The JSON is byte for byte what Jackson writes of the
 * {@link PublicProfile} it was made of (CardJsonTest compares the two), with the caller's
 * {@code isFollowing} as one more member at the end (member order carries no meaning in
 * JSON). The avatar URL is kept relative: the base is written in front of it when
 * written, so one card serves every base.
 */
final class CardJson {

	/** One bit each: whether the optional member is there, then its value. */
	private static final int VIP_LEVEL = 1;

	private static final int IS_MEMBER = 1 << 1;

	private static final int MEMBER = 1 << 2;

	private static final int IS_OFFICIAL = 1 << 3;

	private static final int OFFICIAL = 1 << 4;

	private static final int TOP_AUTHOR_RANK = 1 << 5;

	private static final int TOP_VIP_RANK = 1 << 6;

	private static final int HIDE_SOCIAL = 1 << 7;

	private static final int HIDDEN_SOCIAL = 1 << 8;

	/** The avatar URL is the usual one of a hash of 64 hex digits, kept as 32 bytes. */
	private static final int HEX_AVATAR = 1 << 9;

	/** Every card is written under one base: the ETag's digest is kept. */
	private static final int FIXED_BASE = 1 << 10;

	/** What a relative avatar URL has before and after its hash (AvatarUrls). */
	private static final String AVATAR_PREFIX = AvatarUrls.of("", "#").split("#")[0];

	private static final String AVATAR_SUFFIX = AvatarUrls.of("", "#").split("#")[1];

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] TRUE = ascii("true");

	private static final byte[] FALSE = ascii("false");

	private static final byte[] NULL = ascii("null");

	private static final byte[] USER_ID = ascii("{\"userId\":");

	private static final byte[] NICKNAME = ascii(",\"nickname\":");

	private static final byte[] AVATAR_URL = ascii(",\"avatarUrl\":");

	private static final byte[] PROFILE_BG_URL = ascii(",\"profileBgUrl\":");

	private static final byte[] BIO = ascii(",\"bio\":");

	private static final byte[] STATUS_STICKER_URL = ascii(",\"statusStickerUrl\":");

	private static final byte[] CREATED_AT = ascii(",\"createdAt\":");

	private static final byte[] UPDATED_AT = ascii(",\"updatedAt\":");

	private static final byte[] VIP_LEVEL_NAME = ascii(",\"vipLevel\":");

	private static final byte[] AUTHOR_LEVEL = ascii(",\"authorLevel\":");

	private static final byte[] IS_MEMBER_NAME = ascii(",\"isMember\":");

	private static final byte[] IS_OFFICIAL_NAME = ascii(",\"isOfficial\":");

	private static final byte[] FOLLOWER_COUNT = ascii(",\"followerCount\":");

	private static final byte[] FOLLOWING_COUNT = ascii(",\"followingCount\":");

	private static final byte[] CARD_COUNT = ascii(",\"cardCount\":");

	private static final byte[] TOP_AUTHOR_RANK_NAME = ascii(",\"topAuthorRank\":");

	private static final byte[] TOP_VIP_RANK_NAME = ascii(",\"topVipRank\":");

	private static final byte[] HIDE_SOCIAL_NAME = ascii(",\"hideSocialFromPublic\":");

	private static final byte[] IS_FOLLOWING = ascii(",\"isFollowing\":");

	/**
	 * Member names, quotes, commas, literals and numbers: room for a usual card at once
	 * (a larger one grows the array).
	 */
	private static final int FIXED_BYTES = 400;

	/**
	 * The flags, then the texts (Jackson-escaped UTF-8, each after its length plus one;
	 * zero for null) and numbers (variable-length, zigzag) in the order of
	 * {@link PublicProfile}'s components.
	 */
	private final byte[] packed;

	/**
	 * The first 128 bits of the SHA-256 of the JSON without {@code isFollowing} under the
	 * one base every card is written with ({@link #FIXED_BASE}); unused (zero) when the
	 * base varies.
	 */
	private final long digestHigh;

	private final long digestLow;

	/** When the card stops saying what it says without a write (epoch ms; max: never). */
	private final long changesAt;

	private CardJson(byte[] packed, long digestHigh, long digestLow, long changesAt) {
		this.packed = packed;
		this.digestHigh = digestHigh;
		this.digestLow = digestLow;
		this.changesAt = changesAt;
	}

	/**
	 * The card of {@code profile}, whose avatar URL is relative (made with an empty
	 * base), its texts escaped by {@code json}. With {@code fixedBase}, every card is
	 * written under {@code base}: its ETag's digest is taken now, once.
	 * @param changesAt when the card stops being current without a write; null: never
	 */
	static CardJson of(PublicProfile profile, JsonMapper json, EscapedBase base, boolean fixedBase, Instant changesAt) {
		if (profile.isFollowing() != null || profile.userId() == null) {
			// isFollowing is the caller's, and Jackson would leave out a null userId
			throw new IllegalArgumentException("A card has a userId and no isFollowing");
		}
		Packer out = new Packer();
		int flags = 0;
		flags |= (profile.vipLevel() != null) ? VIP_LEVEL : 0;
		flags |= flag(profile.isMember(), IS_MEMBER, MEMBER);
		flags |= flag(profile.isOfficial(), IS_OFFICIAL, OFFICIAL);
		flags |= (profile.topAuthorRank() != null) ? TOP_AUTHOR_RANK : 0;
		flags |= (profile.topVipRank() != null) ? TOP_VIP_RANK : 0;
		flags |= flag(profile.hideSocialFromPublic(), HIDE_SOCIAL, HIDDEN_SOCIAL);
		String hash = hexHash(profile.avatarUrl());
		flags |= (hash != null) ? HEX_AVATAR : 0;
		flags |= fixedBase ? FIXED_BASE : 0;
		out.number(flags);
		out.text(escape(json, profile.userId()));
		out.text(escape(json, profile.nickname()));
		if (hash != null) {
			out.writeBytes(HEX.parseHex(hash));
		}
		else {
			out.text(escape(json, profile.avatarUrl()));
		}
		out.text(escape(json, profile.profileBgUrl()));
		out.text(escape(json, profile.bio()));
		out.text(escape(json, profile.statusStickerUrl()));
		out.number(profile.createdAt());
		out.number(profile.updatedAt());
		if (profile.vipLevel() != null) {
			out.number(profile.vipLevel());
		}
		out.number(profile.authorLevel());
		out.number(profile.followerCount());
		out.number(profile.followingCount());
		out.number(profile.cardCount());
		if (profile.topAuthorRank() != null) {
			out.number(profile.topAuthorRank());
		}
		if (profile.topVipRank() != null) {
			out.number(profile.topVipRank());
		}
		long until = (changesAt != null) ? changesAt.toEpochMilli() : Long.MAX_VALUE;
		CardJson card = new CardJson(out.toByteArray(), 0, 0, until);
		if (!fixedBase) {
			return card;
		}
		byte[] digest = Sha256.digest(card.json(base, null));
		return new CardJson(card.packed, bytesToLong(digest, 0), bytesToLong(digest, 8), until);
	}

	/** Bytes of memory the card's values take (the array, not the entry around it). */
	int packedBytes() {
		return this.packed.length;
	}

	/** Whether the card still shows what it was made with at {@code nowMillis}. */
	boolean currentAt(long nowMillis) {
		return nowMillis < this.changesAt;
	}

	/**
	 * The card's JSON with its avatar URL under {@code base}, and {@code isFollowing}
	 * when it is not null.
	 */
	byte[] json(EscapedBase base, Boolean isFollowing) {
		Reader in = new Reader(this.packed);
		int flags = (int) in.number();
		Writer out = new Writer(this.packed.length + base.bytes().length + FIXED_BYTES);
		out.write(USER_ID);
		out.text(in);
		out.write(NICKNAME);
		out.text(in);
		out.write(AVATAR_URL);
		if ((flags & HEX_AVATAR) != 0) {
			out.quote();
			out.write(base.avatarPrefix());
			out.hex(in.take(32));
			out.write(base.avatarSuffix());
			out.quote();
		}
		else {
			out.text(in, base);
		}
		out.write(PROFILE_BG_URL);
		out.text(in);
		out.write(BIO);
		out.text(in);
		out.write(STATUS_STICKER_URL);
		out.text(in);
		out.write(CREATED_AT);
		out.number(in.number());
		out.write(UPDATED_AT);
		out.number(in.number());
		out.optionalNumber(flags, VIP_LEVEL, VIP_LEVEL_NAME, in);
		out.write(AUTHOR_LEVEL);
		out.number(in.number());
		out.optionalBoolean(flags, IS_MEMBER, MEMBER, IS_MEMBER_NAME);
		out.optionalBoolean(flags, IS_OFFICIAL, OFFICIAL, IS_OFFICIAL_NAME);
		out.write(FOLLOWER_COUNT);
		out.number(in.number());
		out.write(FOLLOWING_COUNT);
		out.number(in.number());
		out.write(CARD_COUNT);
		out.number(in.number());
		out.optionalNumber(flags, TOP_AUTHOR_RANK, TOP_AUTHOR_RANK_NAME, in);
		out.optionalNumber(flags, TOP_VIP_RANK, TOP_VIP_RANK_NAME, in);
		out.optionalBoolean(flags, HIDE_SOCIAL, HIDDEN_SOCIAL, HIDE_SOCIAL_NAME);
		if (isFollowing != null) {
			out.write(IS_FOLLOWING);
			out.write(isFollowing ? TRUE : FALSE);
		}
		out.write('}');
		return out.toByteArray();
	}

	/**
	 * The strong ETag of the card written under {@code base} with {@code isFollowing}: a
	 * digest of the bytes without {@code isFollowing}, taken once when the base is fixed,
	 * marked for each {@code isFollowing} (other bytes, another tag).
	 */
	String etag(EscapedBase base, Boolean isFollowing) {
		String digest;
		if ((new Reader(this.packed).number() & FIXED_BASE) != 0) {
			digest = HEX.toHexDigits(this.digestHigh) + HEX.toHexDigits(this.digestLow);
		}
		else {
			digest = Sha256.hex(json(base, null)).substring(0, 32);
		}
		return '"' + digest + ((isFollowing == null) ? "" : isFollowing ? "-f1" : "-f0") + '"';
	}

	/**
	 * A base URL and what is written around an avatar's hash under it, escaped as Jackson
	 * escapes them (JSON escapes character by character, so the pieces escaped apart
	 * equal the whole escaped at once); made once per base.
	 */
	record EscapedBase(String url, byte[] bytes, byte[] avatarPrefix, byte[] avatarSuffix) {

		static EscapedBase of(String url, JsonMapper json) {
			return new EscapedBase(url, escape(json, url), escape(json, url + AVATAR_PREFIX),
					escape(json, AVATAR_SUFFIX));
		}

	}

	private static int flag(Boolean value, int present, int set) {
		return (value == null) ? 0 : (value ? present | set : present);
	}

	/** The 64 hex digits of a usual relative avatar URL, or null for any other. */
	private static String hexHash(String avatarUrl) {
		if (avatarUrl == null || avatarUrl.length() != AVATAR_PREFIX.length() + 64 + AVATAR_SUFFIX.length()
				|| !avatarUrl.startsWith(AVATAR_PREFIX) || !avatarUrl.endsWith(AVATAR_SUFFIX)) {
			return null;
		}
		String hash = avatarUrl.substring(AVATAR_PREFIX.length(), AVATAR_PREFIX.length() + 64);
		for (int i = 0; i < hash.length(); i++) {
			char c = hash.charAt(i);
			if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
				return null;
			}
		}
		return hash;
	}

	/** What Jackson writes for {@code text} between its quotes; null for null. */
	private static byte[] escape(JsonMapper json, String text) {
		if (text == null) {
			return null;
		}
		byte[] quoted = json.writeValueAsBytes(text);
		return Arrays.copyOfRange(quoted, 1, quoted.length - 1);
	}

	private static long bytesToLong(byte[] bytes, int from) {
		long value = 0;
		for (int i = from; i < from + 8; i++) {
			value = (value << 8) | (bytes[i] & 0xff);
		}
		return value;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static final class Packer extends ByteArrayOutputStream {

		Packer() {
			super(128);
		}

		void text(byte[] escaped) {
			if (escaped == null) {
				number(0);
				return;
			}
			number(escaped.length + 1L);
			writeBytes(escaped);
		}

		void number(long value) {
			long zigzag = (value << 1) ^ (value >> 63);
			while ((zigzag & ~0x7FL) != 0) {
				write((int) ((zigzag & 0x7F) | 0x80));
				zigzag >>>= 7;
			}
			write((int) zigzag);
		}

	}

	private static final class Reader {

		private final byte[] bytes;

		private int at;

		Reader(byte[] bytes) {
			this.bytes = bytes;
		}

		long number() {
			long zigzag = 0;
			int shift = 0;
			byte b;
			do {
				b = this.bytes[this.at++];
				zigzag |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while (b < 0);
			return (zigzag >>> 1) ^ -(zigzag & 1);
		}

		/** The next {@code length} bytes' start, skipping them. */
		int take(int length) {
			int from = this.at;
			this.at += length;
			return from;
		}

	}

	private final class Writer {

		private byte[] out;

		private int size;

		Writer(int capacity) {
			this.out = new byte[capacity];
		}

		void write(int b) {
			ensure(1);
			this.out[this.size++] = (byte) b;
		}

		void write(byte[] bytes) {
			write(bytes, 0, bytes.length);
		}

		void write(byte[] bytes, int from, int length) {
			ensure(length);
			System.arraycopy(bytes, from, this.out, this.size, length);
			this.size += length;
		}

		void quote() {
			write('"');
		}

		/** A text of the card, or null; after {@code base} when given. */
		void text(Reader in) {
			text(in, null);
		}

		void text(Reader in, EscapedBase base) {
			int length = (int) in.number();
			if (length == 0) {
				write(NULL);
				return;
			}
			quote();
			if (base != null) {
				write(base.bytes());
			}
			write(CardJson.this.packed, in.take(length - 1), length - 1);
			quote();
		}

		/** The member {@code name} and the next number, when {@code flags} has it. */
		void optionalNumber(int flags, int present, byte[] name, Reader in) {
			if ((flags & present) != 0) {
				write(name);
				number(in.number());
			}
		}

		/** The member {@code name} and its value, when {@code flags} has it. */
		void optionalBoolean(int flags, int present, int set, byte[] name) {
			if ((flags & present) != 0) {
				write(name);
				write(((flags & set) != 0) ? TRUE : FALSE);
			}
		}

		void hex(int from) {
			ensure(64);
			for (int i = from; i < from + 32; i++) {
				int b = CardJson.this.packed[i] & 0xff;
				this.out[this.size++] = (byte) Character.forDigit(b >>> 4, 16);
				this.out[this.size++] = (byte) Character.forDigit(b & 0xf, 16);
			}
		}

		void number(long value) {
			if (value == Long.MIN_VALUE) {
				write(ascii(Long.toString(value)));
				return;
			}
			ensure(20);
			if (value < 0) {
				this.out[this.size++] = '-';
				value = -value;
			}
			int digits = 1;
			for (long rest = value / 10; rest > 0; rest /= 10) {
				digits++;
			}
			for (int i = this.size + digits - 1; i >= this.size; i--) {
				this.out[i] = (byte) ('0' + value % 10);
				value /= 10;
			}
			this.size += digits;
		}

		private void ensure(int more) {
			if (this.size + more > this.out.length) {
				this.out = Arrays.copyOf(this.out, Math.max(this.out.length * 2, this.size + more));
			}
		}

		byte[] toByteArray() {
			return (this.size == this.out.length) ? this.out : Arrays.copyOf(this.out, this.size);
		}

	}

}

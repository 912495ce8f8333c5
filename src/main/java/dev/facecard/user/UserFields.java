package dev.facecard.user;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.facecard.shared.web.JsonFields;
import dev.facecard.shared.web.error.InvalidRequestException;

/**
 * The writable fields of a user, as sent to the admin API, every one validated here and
 * nowhere else. A {@code null} component means "not sent, leave as is". The nullable
 * fields are {@link Optional}s: {@code Optional.empty()} means "sent as JSON null: clear
 * it".
 */
public record UserFields(String username, Optional<String> nickname, Optional<String> bio,
		Optional<String> profileBgUrl, Optional<String> statusStickerUrl, Integer vipLevel, Integer authorLevel,
		Optional<Instant> memberUntil, Boolean official, Boolean banned, Boolean hidePatronIdentity,
		Boolean hideSocialFromPublic, Integer cardCount) {

	/** Fields of {@code POST /admin/users} besides {@code appid} and {@code userId}. */
	public static final List<String> CREATE_FIELDS = List.of("username", "nickname", "bio", "profileBgUrl",
			"statusStickerUrl", "vipLevel", "authorLevel", "memberUntil", "official", "hidePatronIdentity",
			"hideSocialFromPublic", "cardCount");

	/**
	 * Fields of {@code PATCH /admin/users/{userId}}: those of the create body, plus
	 * {@code banned}.
	 */
	public static final List<String> PATCH_FIELDS = Stream.concat(CREATE_FIELDS.stream(), Stream.of("banned")).toList();

	static final int MAX_USERNAME = 64;

	static final int MAX_NICKNAME = 64;

	static final int MAX_BIO = 1000;

	static final int MAX_URL = 2048;

	static final int MAX_LEVEL = 30;

	/**
	 * 9999-12-31T23:59:59.999Z: beyond it no database column and no client agrees on a
	 * date.
	 */
	private static final long MAX_EPOCH_MILLI = 253402300799999L;

	/**
	 * Reads and validates the fields that {@code json} carries (its allowed names checked
	 * by the caller).
	 */
	public static UserFields read(JsonFields json) {
		return new UserFields(username(json), nullable(json, "nickname", UserFields::nickname),
				nullable(json, "bio", UserFields::bio),
				nullable(json, "profileBgUrl", text -> url("profileBgUrl", text)),
				nullable(json, "statusStickerUrl", text -> url("statusStickerUrl", text)), level(json, "vipLevel"),
				level(json, "authorLevel"), memberUntil(json), flag(json, "official"), flag(json, "banned"),
				flag(json, "hidePatronIdentity"), flag(json, "hideSocialFromPublic"), cardCount(json));
	}

	private static String username(JsonFields json) {
		if (!json.has("username")) {
			return null;
		}
		String username = json.string("username");
		if (!isValidUsername(username)) {
			throw new InvalidRequestException(
					"'username' must be 1 to " + MAX_USERNAME + " characters without control characters.");
		}
		return username;
	}

	/**
	 * Whether {@code username} is one that a user may have: 1 to 64 characters, no
	 * control characters.
	 */
	public static boolean isValidUsername(String username) {
		return username != null && !username.isBlank() && isLineOfText(username, MAX_USERNAME);
	}

	/**
	 * Whether {@code text} is 1 to {@code max} characters (code points, as a reader
	 * counts them), none a control character ({@code \p{Cc}}). A loop, not a regular
	 * expression: every get_avatar checks its username (bench/RESULTS.md, Notes, "Ids and
	 * usernames checked by a loop").
	 */
	static boolean isLineOfText(String text, int max) {
		int count = 0;
		for (int i = 0; i < text.length(); count++) {
			int codePoint = text.codePointAt(i);
			if (count == max || Character.getType(codePoint) == Character.CONTROL) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return count > 0;
	}

	private static String nickname(String nickname) {
		if (nickname.isBlank() || !isLineOfText(nickname, MAX_NICKNAME)) {
			throw new InvalidRequestException("'nickname' must be 1 to " + MAX_NICKNAME
					+ " characters without control characters (null removes it).");
		}
		return nickname;
	}

	private static String bio(String bio) {
		if (bio.codePointCount(0, bio.length()) > MAX_BIO) {
			throw new InvalidRequestException("'bio' must be at most " + MAX_BIO + " characters.");
		}
		return bio;
	}

	private static String url(String field, String text) {
		String problem = "'" + field + "' must be an absolute http or https URL of at most " + MAX_URL
				+ " characters (null removes it).";
		if (text.length() > MAX_URL) {
			throw new InvalidRequestException(problem);
		}
		try {
			URI uri = new URI(text);
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					|| uri.getHost() == null) {
				throw new InvalidRequestException(problem);
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidRequestException(problem);
		}
		return text;
	}

	private static Integer level(JsonFields json, String field) {
		Integer level = required(json, field, json.integer(field));
		if (level != null && (level < 0 || level > MAX_LEVEL)) {
			throw new InvalidRequestException("'" + field + "' must be between 0 and " + MAX_LEVEL + ".");
		}
		return level;
	}

	private static Integer cardCount(JsonFields json) {
		Integer count = required(json, "cardCount", json.integer("cardCount"));
		if (count != null && count < 0) {
			throw new InvalidRequestException("'cardCount' must not be negative.");
		}
		return count;
	}

	private static Boolean flag(JsonFields json, String field) {
		return required(json, field, json.bool(field));
	}

	private static Optional<Instant> memberUntil(JsonFields json) {
		if (!json.has("memberUntil")) {
			return null;
		}
		Long epochMilli = json.longInteger("memberUntil");
		if (epochMilli == null) {
			return Optional.empty();
		}
		if (epochMilli < 0 || epochMilli > MAX_EPOCH_MILLI) {
			throw new InvalidRequestException("'memberUntil' must be epoch milliseconds between 0 and "
					+ MAX_EPOCH_MILLI + " (null removes it).");
		}
		return Optional.of(Instant.ofEpochMilli(epochMilli));
	}

	/**
	 * A present JSON null on a field that cannot be empty is a mistake, not "leave as
	 * is".
	 */
	private static <T> T required(JsonFields json, String field, T value) {
		if (value == null && json.has(field)) {
			throw new InvalidRequestException("'" + field + "' must not be null.");
		}
		return value;
	}

	private static Optional<String> nullable(JsonFields json, String field, UnaryOperator<String> validate) {
		if (!json.has(field)) {
			return null;
		}
		String text = json.string(field);
		return (text == null) ? Optional.empty() : Optional.of(validate.apply(text));
	}

}

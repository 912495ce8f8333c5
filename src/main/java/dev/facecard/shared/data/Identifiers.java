package dev.facecard.shared.data;

import java.util.Set;

import dev.facecard.shared.web.error.InvalidRequestException;

/** The shape of ids ({@code appid}, {@code userId}): {@code [A-Za-z0-9_-]{1,64}}. */
public final class Identifiers {

	private static final int MAX_LENGTH = 64;

	/**
	 * Ids no new user may take: the admin API's {@code /admin/users/export} and
	 * {@code /admin/users/import} share the path of a user's, so {@code GET} of such a
	 * user would reach the export instead.
	 */
	private static final Set<String> RESERVED_USER_IDS = Set.of("export", "import");

	private Identifiers() {
	}

	/**
	 * A loop, not a regular expression: every public request checks an id or two
	 * (bench/RESULTS.md, Notes, "Ids and usernames checked by a loop").
	 */
	public static boolean isValid(String id) {
		if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * As {@link #requireValid}, for the id of a new user: the reserved ones refused too.
	 */
	public static void requireValidNewUserId(String userId) {
		requireValid("userId", userId);
		if (RESERVED_USER_IDS.contains(userId)) {
			throw new InvalidRequestException(
					"'userId' may not be 'export' or 'import': the admin API uses those paths.");
		}
	}

	public static void requireValid(String field, String id) {
		if (!isValid(id)) {
			throw new InvalidRequestException("'" + field + "' must match [A-Za-z0-9_-]{1,64}.");
		}
	}

}

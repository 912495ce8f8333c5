package dev.facecard.shared.data;

import java.util.Set;
import java.util.regex.Pattern;

import dev.facecard.shared.web.error.InvalidRequestException;

/** The shape of ids ({@code appid}, {@code userId}): {@code [A-Za-z0-9_-]{1,64}}. */
public final class Identifiers {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/**
	 * Ids no new user may take: the admin API's {@code /admin/users/export} and
	 * {@code /admin/users/import} share the path of a user's, so {@code GET} of such a
	 * user would reach the export instead.
	 */
	private static final Set<String> RESERVED_USER_IDS = Set.of("export", "import");

	private Identifiers() {
	}

	public static boolean isValid(String id) {
		return id != null && ID.matcher(id).matches();
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

package dev.facecard.shared.data;

import java.util.regex.Pattern;

import dev.facecard.shared.web.error.InvalidRequestException;

/** The shape of ids ({@code appid}, {@code userId}): {@code [A-Za-z0-9_-]{1,64}}. */
public final class Identifiers {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private Identifiers() {
	}

	public static boolean isValid(String id) {
		return id != null && ID.matcher(id).matches();
	}

	public static void requireValid(String field, String id) {
		if (!isValid(id)) {
			throw new InvalidRequestException("'" + field + "' must match [A-Za-z0-9_-]{1,64}.");
		}
	}

}

package dev.facecard.avatar;

import jakarta.servlet.http.HttpServletRequest;

import dev.facecard.system.InvalidRequestException;

/**
 * The parameters of {@code get_avatar}: {@code appid} and {@code user}, each exactly once, not blank,
 * at most 64 characters.
 */
record AvatarQuery(String appid, String user) {

	private static final int MAX_LENGTH = 64;

	static AvatarQuery from(HttpServletRequest request) {
		return new AvatarQuery(single(request, "appid"), single(request, "user"));
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values;
		try {
			values = request.getParameterValues(name);
		}
		catch (IllegalStateException ex) {
			// Tomcat refuses to parse a query string with bad percent-encoding (InvalidParameterException)
			throw new InvalidRequestException("The query string is not valid percent-encoded UTF-8.");
		}
		if (values == null || values.length != 1 || values[0].isBlank()
				|| values[0].codePointCount(0, values[0].length()) > MAX_LENGTH) {
			throw new InvalidRequestException("'" + name + "' must be given once, 1 to " + MAX_LENGTH
					+ " characters.");
		}
		return values[0];
	}

}

package dev.facecard.avatar;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.facecard.shared.web.error.InvalidRequestException;

/**
 * The parameters of {@code get_avatar}: {@code appid} and {@code user}, each exactly
 * once, not blank, at most 64 characters; optionally {@code size}, an integer from 16 to
 * 1024 (null when absent).
 */
record AvatarQuery(String appid, String user, Integer size, DefaultImage defaultImage) {

	/**
	 * What a not-found lookup answers ({@code default}): the nobase contract's 404, or a
	 * generated image.
	 */
	enum DefaultImage {

		NOT_FOUND, IDENTICON, MP

	}

	private static final int MAX_LENGTH = 64;

	static final int MIN_SIZE = 16;

	static final int MAX_SIZE = 1024;

	private static final Pattern SIZE = Pattern.compile("[0-9]{1,4}");

	static AvatarQuery from(HttpServletRequest request) {
		PlainQuery plain = PlainQuery.of(request);
		return new AvatarQuery(single(request, plain, "appid"), single(request, plain, "user"), size(request, plain),
				defaultImage(request, plain));
	}

	/**
	 * The optional {@code default}: {@code 404} (the nobase contract's behaviour, also
	 * when absent), {@code identicon}, {@code mp}.
	 */
	private static DefaultImage defaultImage(HttpServletRequest request, PlainQuery plain) {
		String[] values = values(request, plain, "default");
		if (values == null) {
			return DefaultImage.NOT_FOUND;
		}
		if (values.length == 1) {
			switch (values[0]) {
				case "404":
					return DefaultImage.NOT_FOUND;
				case "identicon":
					return DefaultImage.IDENTICON;
				case "mp":
					return DefaultImage.MP;
				default:
					break;
			}
		}
		throw new InvalidRequestException("'default' must be given once: 404, identicon or mp.");
	}

	/** The optional {@code size}: one integer from 16 to 1024, else 400. */
	static Integer size(HttpServletRequest request) {
		return size(request, PlainQuery.of(request));
	}

	private static Integer size(HttpServletRequest request, PlainQuery plain) {
		String[] values = values(request, plain, "size");
		if (values == null) {
			return null;
		}
		if (values.length != 1 || !SIZE.matcher(values[0]).matches()) {
			throw invalid("size");
		}
		int size = Integer.parseInt(values[0]);
		if (size < MIN_SIZE || size > MAX_SIZE) {
			throw invalid("size");
		}
		return size;
	}

	private static String single(HttpServletRequest request, PlainQuery plain, String name) {
		String[] values = values(request, plain, name);
		if (values == null || values.length != 1 || values[0].isBlank()
				|| values[0].codePointCount(0, values[0].length()) > MAX_LENGTH) {
			throw invalid(name);
		}
		return values[0];
	}

	/** From {@code plain} when the query had nothing to decode, else from Tomcat. */
	private static String[] values(HttpServletRequest request, PlainQuery plain, String name) {
		if (plain != null) {
			return plain.values(name);
		}
		String[] values;
		try {
			values = request.getParameterValues(name);
		}
		catch (IllegalStateException ex) {
			// Tomcat refuses to parse a query string with bad percent-encoding
			// (InvalidParameterException)
			throw new InvalidRequestException("The query string is not valid percent-encoded UTF-8.");
		}
		return values;
	}

	private static InvalidRequestException invalid(String name) {
		return new InvalidRequestException(
				name.equals("size") ? "'size' must be given once, an integer from " + MIN_SIZE + " to " + MAX_SIZE + "."
						: "'" + name + "' must be given once, 1 to " + MAX_LENGTH + " characters.");
	}

}

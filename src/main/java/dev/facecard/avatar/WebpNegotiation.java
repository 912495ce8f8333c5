package dev.facecard.avatar;

import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a request's {@code Accept} names {@code image/webp} itself with a quality above
 * 0 (RFC 9110 12.5.1). {@code image/*} and {@code *}{@code /*} do not count: clients that
 * send only those (curl, Python requests, older browsers) keep getting the JPEG the
 * nobase contract promises.
 */
final class WebpNegotiation {

	private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

	private WebpNegotiation() {
	}

	/** Reads every {@code Accept} field of the request; null or none means no. */
	static boolean namesWebp(Enumeration<String> accept) {
		if (accept == null) {
			return false;
		}
		while (accept.hasMoreElements()) {
			String field = accept.nextElement();
			if (field == null) {
				continue;
			}
			for (String range : field.split(",")) {
				String[] parts = range.split(";");
				if (parts[0].strip().equalsIgnoreCase("image/webp")) {
					return quality(parts) > 0;
				}
			}
		}
		return false;
	}

	/** The range's {@code q}: 1 when absent, 0 when it is not a valid qvalue. */
	private static double quality(String[] parts) {
		for (int i = 1; i < parts.length; i++) {
			String parameter = parts[i].strip();
			int equals = parameter.indexOf('=');
			if (equals > 0 && parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("q")) {
				String value = parameter.substring(equals + 1).strip();
				return QVALUE.matcher(value).matches() ? Double.parseDouble(value) : 0;
			}
		}
		return 1;
	}

}

package dev.facecard.shared.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Paths of requests as they arrived, before Tomcat or Spring MVC decoded (or refused)
 * them.
 */
public final class RequestPaths {

	private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

	private RequestPaths() {
	}

	/**
	 * A raw request path decoded as far as it goes, to tell which API it was meant for:
	 * {@code ;} parameters removed, percent-escapes decoded (broken ones kept as they
	 * are), cut at the first NUL, repeated slashes merged; never fails.
	 */
	public static String lenientlyDecoded(String rawPath) {
		if (rawPath == null) {
			return "";
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
		boolean inParameters = false;
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c == '/') {
				inParameters = false;
			}
			else if (c == ';') {
				inParameters = true;
			}
			if (inParameters) {
				continue;
			}
			if (c == '%' && i + 2 < rawPath.length() && HexFormat.isHexDigit(rawPath.charAt(i + 1))
					&& HexFormat.isHexDigit(rawPath.charAt(i + 2))) {
				bytes.write(HexFormat.fromHexDigits(rawPath, i + 1, i + 3));
				i += 2;
			}
			else if (c < 0x80) {
				bytes.write(c);
			}
			else {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		String decoded = bytes.toString(StandardCharsets.UTF_8);
		int nul = decoded.indexOf('\0');
		if (nul >= 0) {
			decoded = decoded.substring(0, nul);
		}
		// Tomcat merges repeated slashes before it routes: so does the format of a
		// refusal
		return decoded.contains("//") ? REPEATED_SLASHES.matcher(decoded).replaceAll("/") : decoded;
	}

	/**
	 * Whether a raw path names a segment {@code .} or {@code ..}, as written or
	 * percent-encoded, or an encoded {@code /}, {@code \} or NUL: no Facecard URL has
	 * one, and the servlet container and Spring MVC would each read it differently (one
	 * normalises, the other matches the raw path).
	 */
	public static boolean isAmbiguous(String rawPath) {
		if (rawPath == null) {
			return false;
		}
		String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
		if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.indexOf('\\') >= 0) {
			return true;
		}
		for (String segment : lower.split("/", -1)) {
			int semicolon = segment.indexOf(';');
			String name = ((semicolon >= 0) ? segment.substring(0, semicolon) : segment).replace("%2e", ".");
			if (name.equals(".") || name.equals("..")) {
				return true;
			}
		}
		return false;
	}

}

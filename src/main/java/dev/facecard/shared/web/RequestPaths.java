package dev.facecard.shared.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Paths of requests as they arrived, before Tomcat or Spring MVC decoded (or refused)
 * them.
 */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * A raw request path decoded as far as it goes, to tell which API it was meant for:
	 * {@code ;} parameters removed, percent-escapes decoded (broken ones kept as they
	 * are), cut at the first NUL; never fails.
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
		return (nul >= 0) ? decoded.substring(0, nul) : decoded;
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

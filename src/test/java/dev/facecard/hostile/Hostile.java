package dev.facecard.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of hostile input: texts, query strings, headers and JSON bodies that real
 * clients, broken clients and attackers send. Each draw goes through QuickTheories'
 * randomness source, so a failing request shrinks towards the first (simplest) choice of
 * every draw.
 */
final class Hostile {

	private Hostile() {
	}

	// ---- draws

	static int below(RandomnessSource in, int bound) {
		return (int) in.next(Constraint.between(0, bound - 1));
	}

	static int between(RandomnessSource in, int min, int max) {
		return (int) in.next(Constraint.between(min, max));
	}

	static boolean chance(RandomnessSource in, int percent) {
		return below(in, 100) < percent;
	}

	static <T> T pick(RandomnessSource in, List<T> items) {
		return items.get(below(in, items.size()));
	}

	/** A generator from a function of the randomness source. */
	static <T> Gen<T> gen(Function<RandomnessSource, T> draw) {
		return draw::apply;
	}

	// ---- texts (decoded: what a parameter or JSON string may hold)

	private static final List<String> SPECIAL_CHARS = List.of("\u0000", "\u200B", "\u200D", "\u202E", "\uFEFF",
			"\uFFFD", "\uFFFF", "\u0301", "\u2028", "\u3000", "０", "９", "Ａ", "\u00A0", "\u0085", "\t", "\r\n", "\u007F",
			"%", "+", "&", "=", "?", "#", "/", "\\", "\"", "'", ";", "<", ">", "{", "}", "[", "]", "|", "`", "^", "$",
			"*", ",", "..", "~", "@", "\ud83d\ude00", "\ud800", "\udfff");

	private static final List<String> INJECTIONS = List.of("' OR '1'='1", "1; DROP TABLE users--", "\" OR \"\"=\"",
			"${jndi:ldap://127.0.0.1/a}", "#{7*7}", "{{7*7}}", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
			"<script>alert(1)</script>", "%s%s%s%n", "\u0000admin", "admin\u0000", "null", "undefined", "NaN", "-1",
			"0", "9223372036854775808", "1e309", "true", "[]", "{}", "\\u0000", "%00", "%25", "%%", "\r\nX: y",
			"' || pg_sleep(5) --", "user_001' --", "*", "%", "_", "\\", "()", "AAAA%n");

	/** One code point from a family that tends to break things. */
	static String codePoint(RandomnessSource in) {
		return switch (below(in, 8)) {
			case 0 -> String.valueOf((char) between(in, 0x20, 0x7E));
			case 1 -> String.valueOf("abcXYZ019_-".charAt(below(in, 11)));
			case 2 -> String
				.valueOf((char) pick(in, List.of(between(in, 0x00, 0x1F), 0x7F, between(in, 0x80, 0x9F))).intValue());
			case 3 -> String.valueOf((char) between(in, 0xA0, 0xFF));
			case 4 -> String.valueOf((char) between(in, 0x4E00, 0x9FFF));
			case 5 -> new String(Character.toChars(between(in, 0x1F300, 0x1FAFF)));
			case 6 -> pick(in, SPECIAL_CHARS);
			default -> new String(Character.toChars(between(in, 0x10000, 0x10FFFF)));
		};
	}

	static String text(RandomnessSource in, int maxCodePoints) {
		int length = between(in, 0, maxCodePoints);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append(codePoint(in));
		}
		return text.toString();
	}

	/** A decoded value: known good ones, near misses, and garbage. */
	static String value(RandomnessSource in, List<String> known) {
		return switch (below(in, 9)) {
			case 0, 1 -> pick(in, known);
			case 2 -> pick(in, known) + codePoint(in);
			case 3 -> codePoint(in) + pick(in, known);
			case 4 -> text(in, 20);
			case 5 -> pick(in, INJECTIONS);
			case 6 -> "x".repeat(pick(in, List.of(63, 64, 65, 100, 1000)));
			case 7 -> " ".repeat(between(in, 0, 3)) + pick(in, known).toUpperCase() + " ".repeat(between(in, 0, 3));
			default -> text(in, 80);
		};
	}

	// ---- percent-encoding and query strings (raw: ISO-8859-1 chars, one per byte on the
	// wire)

	static String encode(String decoded) {
		StringBuilder out = new StringBuilder();
		for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(String.format("%02X", c));
			}
		}
		return out.toString();
	}

	private static String encodeBytes(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (byte b : bytes) {
			out.append('%').append(String.format("%02X", b & 0xFF));
		}
		return out.toString();
	}

	private static final List<String> BROKEN_ENCODINGS = List.of("%", "%G0", "%4", "%%41", "%u0041", "%C0%80",
			"%ED%A0%80", "%F4%90%80%80", "%FF%FE", "%C3", "%E2%82", "%80", "%C3%28", "%F0%28%8C%BC", "%00", "%0D%0A",
			"%2F", "%5C", "%2e%2e", "%25", "%FE%FF%00a", "%E0%80%AF", "%F8%88%80%80%80");

	/**
	 * Bytes that have no place in a request line (the server must refuse them, not fail
	 * on them).
	 */
	private static final List<String> RAW_OUTLAWS = List.of("\u0000", " ", "\t", "\"", "<", ">", "\\", "^", "`", "{",
			"|", "}", "\u007F", "\u0080", "\u00FF", "\u00E4", "\u00C3\u00A4", "\u0001", "#", "\r", "\u000B");

	/**
	 * A value as it appears in a query string: mostly well encoded, sometimes broken on
	 * purpose.
	 */
	static String rawValue(RandomnessSource in, List<String> known) {
		return switch (below(in, 10)) {
			case 0, 1, 2, 3 -> encode(value(in, known));
			case 4 -> encode(pick(in, known)).replace("%20", "+");
			case 5 -> {
				byte[] bytes = new byte[between(in, 0, 12)];
				for (int i = 0; i < bytes.length; i++) {
					bytes[i] = (byte) below(in, 256);
				}
				yield encodeBytes(bytes);
			}
			case 6 -> encode(pick(in, known)) + pick(in, BROKEN_ENCODINGS);
			case 7 -> pick(in, BROKEN_ENCODINGS) + encode(value(in, known));
			case 8 -> encode(pick(in, known)) + pick(in, RAW_OUTLAWS);
			default -> "a".repeat(pick(in, List.of(2000, 7000, 9000, 20000)));
		};
	}

	/**
	 * A query string (without '?'): sometimes starting with a well-formed {@code first}
	 * (so requests reach the code behind validation), then parameters with names from
	 * {@code names}, array-style and odd names, repeats, and separators of every kind.
	 */
	static String query(RandomnessSource in, String first, List<String> names, Function<String, List<String>> known) {
		StringBuilder query = new StringBuilder();
		if (first != null && chance(in, 50)) {
			query.append(first);
		}
		int count = between(in, 0, 5);
		for (int i = 0; i < count; i++) {
			if (query.length() > 0 || chance(in, 10)) {
				query.append(pick(in, List.of("&", "&", "&", "&&", ";", "&amp;", "&=&", "%26")));
			}
			String name = pick(in, names);
			String rawName = switch (below(in, 8)) {
				case 0, 1, 2, 3 -> name;
				case 4 -> name + pick(in, List.of("[]", "[0]", "[a]", ".x", "%5B%5D", "[", "]"));
				case 5 -> encode(name).replaceFirst("^(.)", "%" + String.format("%02X", (int) name.charAt(0)));
				case 6 -> name.toUpperCase();
				default -> rawValue(in, List.of(name));
			};
			query.append(rawName);
			switch (below(in, 6)) {
				case 0 -> {
					// a name without '='
				}
				case 1 -> query.append('=');
				case 2 -> query.append("==").append(rawValue(in, known.apply(name)));
				default -> query.append('=').append(rawValue(in, known.apply(name)));
			}
		}
		return query.toString();
	}

	// ---- headers (name/value pairs)

	static String ipv4(RandomnessSource in) {
		return below(in, 256) + "." + below(in, 256) + "." + below(in, 256) + "." + below(in, 256);
	}

	static String forwardedFor(RandomnessSource in) {
		int hops = pick(in, List.of(1, 2, 5, 50, 200, 600, 3000));
		StringBuilder chain = new StringBuilder();
		for (int i = 0; i < hops; i++) {
			if (i > 0) {
				chain.append(pick(in, List.of(", ", ",", " , ", ",,")));
			}
			chain.append(switch (below(in, 8)) {
				case 0, 1, 2 -> ipv4(in);
				case 3 -> "2001:db8::" + Integer.toHexString(below(in, 65536));
				case 4 -> "[::1]:" + below(in, 70000);
				case 5 -> pick(in, List.of("unknown", "_hidden", "localhost", "127.0.0.1", "0.0.0.0", "999.1.1.1",
						"1.2.3", "::ffff:127.0.0.1", "", "\"1.2.3.4\"", "1.2.3.4:80"));
				case 6 -> latin1(text(in, 10));
				default -> ipv4(in) + ":" + below(in, 65536);
			});
		}
		return chain.toString();
	}

	/**
	 * A text squeezed into ISO-8859-1 chars (one byte each on the wire), as a header may
	 * carry.
	 */
	static String latin1(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	/** 0 to 4 headers that proxies, caches, browsers and attackers add. */
	static List<String> headers(RandomnessSource in, List<String> etags) {
		List<String> headers = new ArrayList<>();
		int count = pick(in, List.of(0, 0, 1, 2, 4));
		for (int i = 0; i < count; i++) {
			switch (below(in, 16)) {
				case 0, 1 -> headers.addAll(List.of("X-Forwarded-For", forwardedFor(in)));
				case 2 -> headers.addAll(List.of("Forwarded",
						"for=" + pick(in, List.of(ipv4(in), "\"[2001:db8::1]\"", "unknown", latin1(text(in, 10))))
								+ ";proto=" + pick(in, List.of("https", "gopher", ""))));
				case 3 -> headers.addAll(List.of("X-Real-IP", pick(in, List.of(ipv4(in), latin1(text(in, 20))))));
				case 4 -> headers.addAll(List.of("If-None-Match",
						pick(in, List.of("*", "\"\"", "W/\"x\"", etags.isEmpty() ? "\"a\"" : pick(in, etags),
								latin1(text(in, 30)), "\"a\", ".repeat(between(in, 1, 500)) + "*",
								"W/" + (etags.isEmpty() ? "\"a\"" : pick(in, etags))))));
				case 5 -> headers.addAll(List.of("If-Modified-Since",
						pick(in, List.of("Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "0", "-1",
								"yesterday", latin1(text(in, 30)), "Sun, 06 Nov 1994 08:49:37 GMT",
								"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
								"Mon, 32 Foo 2024 25:61:61 GMT"))));
				case 6 -> headers.addAll(List.of("Authorization", pick(in,
						List.of("Bearer " + latin1(text(in, 40)), "Bearer fc_" + "A".repeat(between(in, 0, 60)),
								"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "bearer  fc_x", "Bearer " + "x".repeat(6000),
								"Bearer fc_\u0000", "Negotiate YII="))));
				case 7 -> headers.addAll(List.of("Accept", pick(in, List.of("image/*", "text/html", "application/xml",
						"*/*;q=0", "application/json;q=abc", latin1(text(in, 20)), "image/webp,*/*;q=0.8"))));
				case 8 -> headers.addAll(List.of("Content-Type",
						pick(in, List.of("multipart/form-data; boundary=x", "multipart/form-data",
								"application/x-www-form-urlencoded", "text/plain", "application/json; charset=UTF-16",
								"application/json; charset=nonsense", latin1(text(in, 20)),
								"multipart/mixed; boundary=\"" + "b".repeat(70) + "\""))));
				case 9 -> headers.addAll(List.of("Accept-Encoding",
						pick(in, List.of("gzip", "br, deflate", "*;q=0", "identity;q=0", latin1(text(in, 10))))));
				case 10 -> headers.addAll(List.of("Range", pick(in, List.of("bytes=0-10", "bytes=-1", "bytes=9-1",
						"bytes=0-0,1-1,2-2,3-3,4-4", latin1(text(in, 10))))));
				case 11 -> headers.addAll(List.of("X-Padding", "p".repeat(pick(in, List.of(100, 4000, 9000, 40000)))));
				case 12 -> headers.addAll(List.of("Cookie", pick(in, List.of("JSESSIONID=" + latin1(text(in, 20)),
						"a=b; " + "c=d; ".repeat(between(in, 1, 300)), "\u0000=\u0000"))));
				case 13 -> headers.addAll(
						List.of(pick(in, List.of("X-Odd", "X Odd", "X-Odd(", "X-\u00e4", "")), latin1(text(in, 20))));
				case 14 -> headers.addAll(List.of("X-Folded", "a\r\n folded"));
				default -> headers.addAll(List.of("X-Request-Id", latin1(text(in, 40))));
			}
		}
		return headers;
	}

	// ---- JSON

	/**
	 * A JSON string literal whose content is hostile: escapes of NUL and lone surrogates,
	 * controls, long runs.
	 */
	static String jsonString(RandomnessSource in, List<String> known) {
		String content = switch (below(in, 6)) {
			case 0, 1 -> escapeJson(value(in, known));
			case 2 -> escapeJson(pick(in, known)) + pick(in,
					List.of("\\u0000", "\\ud800", "\\udfff", "\\u202e", "\\t", "\\/", "\\\\", "\\\"", "\\uFFFF"));
			case 3 -> pick(in, List.of("\\u0000", "\\ud800\\ud800", "\\x41", "\\u12", "\\", "\\q", "\u0001raw"));
			case 4 -> "x".repeat(pick(in, List.of(64, 65, 1000, 5000)));
			default -> escapeJson(text(in, 30));
		};
		return "\"" + content + "\"";
	}

	static String escapeJson(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Any JSON value (valid JSON), of a random type and shape. */
	static String jsonValue(RandomnessSource in, List<String> known, int depth) {
		int kinds = (depth <= 0) ? 4 : 6;
		return switch (below(in, kinds)) {
			case 0 -> jsonString(in, known);
			case 1 -> pick(in, List.of("0", "-0", "1", "-1", "5.0", "1e2", "1E400", "-1e-400", "2147483648",
					"9223372036854775808", "123456789012345678901234567890", "0.1", "3"));
			case 2 -> pick(in, List.of("true", "false"));
			case 3 -> "null";
			case 4 -> {
				StringBuilder array = new StringBuilder("[");
				int size = between(in, 0, 4);
				for (int i = 0; i < size; i++) {
					array.append((i > 0) ? "," : "").append(jsonValue(in, known, depth - 1));
				}
				yield array.append(']').toString();
			}
			default -> {
				StringBuilder object = new StringBuilder("{");
				int size = between(in, 0, 4);
				for (int i = 0; i < size; i++) {
					object.append((i > 0) ? "," : "")
						.append(jsonString(in, known))
						.append(':')
						.append(jsonValue(in, known, depth - 1));
				}
				yield object.append('}').toString();
			}
		};
	}

	/** {@code depth} nested arrays or objects around {@code inner}. */
	static String nested(int depth, boolean objects, String inner) {
		return objects ? "{\"a\":".repeat(depth) + inner + "}".repeat(depth)
				: "[".repeat(depth) + inner + "]".repeat(depth);
	}

	static final List<Integer> DEPTHS = List.of(10, 499, 500, 501, 1000, 3000, 20000, 100000);

	/**
	 * Bodies that are not JSON at all, or not quite, made from {@code valid} (a JSON
	 * object without a field named "pad"). Each is refused by a strict reader: none is
	 * {@code valid} in another encoding or with a harmless change.
	 */
	static byte[] garbageBody(RandomnessSource in, String valid) {
		return switch (below(in, 14)) {
			case 0 -> new byte[0];
			case 1 -> pick(in, List.of(" ", "\r\n", "\t \n")).getBytes(StandardCharsets.UTF_8);
			case 2 -> {
				byte[] bytes = new byte[between(in, 1, 300)];
				for (int i = 0; i < bytes.length; i++) {
					bytes[i] = (byte) below(in, 256);
				}
				yield bytes;
			}
			case 3 -> valid.substring(0, below(in, valid.length())).getBytes(StandardCharsets.UTF_8);
			case 4 -> (valid + pick(in, List.of(" x", "}", "]", ",", valid, "\u0000", " // c", "{")))
				.getBytes(StandardCharsets.UTF_8);
			case 5 -> (pick(in, List.of("/* c */", "// c\n", "\u0000", "x")) + valid).getBytes(StandardCharsets.UTF_8);
			case 6 -> valid.replace('"', '\'').getBytes(StandardCharsets.UTF_8);
			case 7 -> valid.replaceAll("\"([A-Za-z]+)\":", "$1:").getBytes(StandardCharsets.UTF_8);
			case 8 -> ("\uFEFF\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
			case 9 -> pick(in, List.of("null", "\"x\"", "[]", "1", "true", "NaN", "Infinity", "{", "}", "{}}", "<x/>",
					"userId=x", "[{\"userId\":\"x\"}]"))
				.getBytes(StandardCharsets.UTF_8);
			case 10 -> nested(pick(in, DEPTHS), chance(in, 50), "1").getBytes(StandardCharsets.UTF_8);
			case 11 -> withInvalidUtf8(in, valid);
			case 12 -> "[".repeat(pick(in, DEPTHS)).getBytes(StandardCharsets.UTF_8);
			default -> (valid.substring(0, valid.length() - 1) + ",\"pad\":\""
					+ "p".repeat(pick(in, List.of(4000, 8200, 17000, 70000, 300000))) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
		};
	}

	/** {@code valid} with bytes that are not UTF-8 inside its first string. */
	static byte[] withInvalidUtf8(RandomnessSource in, String valid) {
		byte[] bad = pick(in,
				List.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC0, (byte) 0x80 },
						new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xC3 },
						new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, new byte[] { (byte) 0x80 },
						new byte[] { (byte) 0xE2, (byte) 0x82 }));
		int quote = valid.indexOf('"', valid.indexOf(':') + 1);
		int at = (quote >= 0) ? quote + 1 : 1;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(valid.substring(0, at).getBytes(StandardCharsets.UTF_8));
		out.writeBytes(bad);
		out.writeBytes(valid.substring(at).getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	static final List<String> JSON_CONTENT_TYPES = List.of("application/json", "application/json",
			"application/json;charset=UTF-8", "application/json; charset=utf-8");

	/** Content types that are not JSON, or JSON in a charset that is not UTF-8. */
	static final List<String> OTHER_CONTENT_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data", "image/png",
			"application/octet-stream", "", "*/*", "application/json;charset=UTF-16",
			"application/json;charset=nonsense", "}{", "application/", "application/json\u0000",
			"text/html; charset=\"\u00ff\"");

}

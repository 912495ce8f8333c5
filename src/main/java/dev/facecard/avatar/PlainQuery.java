package dev.facecard.avatar;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The parameters of a query string with nothing to decode: letters, digits,
 * {@code - . _ ~}, {@code &} and {@code =} only, as every {@code get_avatar} URL of the
 * contract's examples. Such a query is read here as Tomcat reads it: pieces split at
 * {@code &}, empty ones skipped, each split at its first {@code =} (without one, an empty
 * value). Tomcat's parser decodes the whole query into a map first, about 0.8 µs of a
 * cached avatar's CPU (bench/RESULTS.md, Notes). Any other query, a piece without a name
 * (which Tomcat refuses) included, is left to Tomcat.
 */
final class PlainQuery {

	/** More pieces than this are left to Tomcat, which enforces its own limit. */
	private static final int MAX_PIECES = 16;

	/** Names and values, alternately. */
	private final List<String> pairs;

	private PlainQuery(List<String> pairs) {
		this.pairs = pairs;
	}

	/** The query of {@code request} read here, or null when it needs Tomcat's parser. */
	static PlainQuery of(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			return null; // a form body may hold parameters too
		}
		String query = request.getQueryString();
		if (query == null) {
			return new PlainQuery(List.of());
		}
		List<String> pairs = new ArrayList<>(8);
		int start = 0;
		int pieces = 0;
		while (start <= query.length()) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = query.length();
			}
			if (end > start) {
				if (++pieces > MAX_PIECES) {
					return null;
				}
				int equals = -1;
				for (int i = start; i < end; i++) {
					char c = query.charAt(i);
					if (c == '=') {
						if (equals < 0) {
							equals = i;
						}
					}
					else if (!unreserved(c)) {
						return null;
					}
				}
				if (equals == start) {
					return null; // no name: Tomcat refuses the query
				}
				pairs.add(query.substring(start, (equals < 0) ? end : equals));
				pairs.add((equals < 0) ? "" : query.substring(equals + 1, end));
			}
			start = end + 1;
		}
		return new PlainQuery(pairs);
	}

	/** The values of parameter {@code name} in their order, or null when it is absent. */
	String[] values(String name) {
		String[] found = null;
		for (int i = 0; i < this.pairs.size(); i += 2) {
			if (this.pairs.get(i).equals(name)) {
				String value = this.pairs.get(i + 1);
				if (found == null) {
					found = new String[] { value };
				}
				else {
					String[] more = new String[found.length + 1];
					System.arraycopy(found, 0, more, 0, found.length);
					more[found.length] = value;
					found = more;
				}
			}
		}
		return found;
	}

	/** RFC 3986's unreserved characters: none of them is ever decoded. */
	private static boolean unreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}

package dev.facecard.shared.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * RFC 9110 13.1.2 and 13.1.3 for GET and HEAD: whether a request's validators match an
 * answer's, so the answer is 304. {@code If-None-Match} (weak comparison, lists and
 * {@code *}) takes precedence; only without it does {@code If-Modified-Since} count. A
 * client echoing our own {@code Last-Modified} string, the usual case, matches without
 * any date parsing.
 */
public final class ConditionalRequests {

	/** IMF-fixdate (RFC 9110 5.6.7), the format of {@code Last-Modified}. */
	public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private ConditionalRequests() {
	}

	/**
	 * Whether the request's {@code If-None-Match} / {@code If-Modified-Since} match an
	 * answer with {@code etag} and {@code lastModified} (whose header value
	 * {@code lastModifiedHeader} was formatted once).
	 */
	public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified,
			String lastModifiedHeader) {
		if (ifNoneMatch != null) {
			return matchesAny(ifNoneMatch, etag);
		}
		if (ifModifiedSince == null) {
			return false;
		}
		if (ifModifiedSince.equals(lastModifiedHeader)) {
			return true;
		}
		try {
			Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), HTTP_DATE).toInstant();
			return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
		}
		catch (DateTimeParseException ex) {
			return false; // RFC 9110: an invalid date is ignored
		}
	}

	/**
	 * Whether an {@code If-None-Match} value (a list, weak tags, {@code *}) matches
	 * {@code etag}.
	 */
	public static boolean matchesAny(String ifNoneMatch, String etag) {
		int start = 0;
		while (start < ifNoneMatch.length()) {
			int comma = ifNoneMatch.indexOf(',', start);
			int end = (comma < 0) ? ifNoneMatch.length() : comma;
			String tag = ifNoneMatch.substring(start, end).strip();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals("*") || tag.equals(etag)) {
				return true;
			}
			start = end + 1;
		}
		return false;
	}

}

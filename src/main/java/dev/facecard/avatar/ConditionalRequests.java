package dev.facecard.avatar;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RFC 9110 13.1.2 and 13.1.3 for GET and HEAD: whether a request's validators match the avatar, so the
 * answer is 304. {@code If-None-Match} (weak comparison, lists and {@code *}) takes precedence; only without
 * it does {@code If-Modified-Since} count. A client echoing our own {@code Last-Modified} string, the usual
 * case, matches without any date parsing.
 */
public final class ConditionalRequests {

	private ConditionalRequests() {
	}

	static boolean notModified(String ifNoneMatch, String ifModifiedSince, AvatarImage image) {
		if (ifNoneMatch != null) {
			return matchesAny(ifNoneMatch, image.etag());
		}
		if (ifModifiedSince == null) {
			return false;
		}
		if (ifModifiedSince.equals(image.lastModifiedHeader())) {
			return true;
		}
		try {
			Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), AvatarImage.HTTP_DATE).toInstant();
			return !image.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
		}
		catch (DateTimeParseException ex) {
			return false; // RFC 9110: an invalid date is ignored
		}
	}

	/** Whether an {@code If-None-Match} value (a list, weak tags, {@code *}) matches {@code etag}. */
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

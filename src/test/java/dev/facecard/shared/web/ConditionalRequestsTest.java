package dev.facecard.shared.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalRequestsTest {

	private static final String ETAG = "\"abc\"";

	private static final Instant LAST_MODIFIED = Instant.parse("2026-11-02T08:09:10.654Z");

	private static final String LAST_MODIFIED_HEADER = ConditionalRequests.HTTP_DATE.format(LAST_MODIFIED);

	@Test
	void lastModifiedIsFormattedAsAnHttpDate() {
		assertThat(LAST_MODIFIED_HEADER).isEqualTo("Mon, 02 Nov 2026 08:09:10 GMT");
	}

	@Test
	void ifNoneMatchMatchesOurTagInAListWeaklyOrStar() {
		assertThat(notModified("\"abc\"", null)).isTrue();
		assertThat(notModified("\"x\", \"abc\"", null)).isTrue();
		assertThat(notModified("W/\"abc\"", null)).isTrue();
		assertThat(notModified("*", null)).isTrue();
		assertThat(notModified("\"abcd\"", null)).isFalse();
		assertThat(notModified("abc", null)).isFalse();
	}

	@Test
	void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
		assertThat(notModified("\"other\"", LAST_MODIFIED_HEADER)).isFalse();
	}

	@Test
	void ifModifiedSinceComparesWholeSeconds() {
		assertThat(notModified(null, "Mon, 02 Nov 2026 08:09:10 GMT")).isTrue();
		assertThat(notModified(null, "Tue, 03 Nov 2026 00:00:00 GMT")).isTrue();
		assertThat(notModified(null, "Mon, 02 Nov 2026 08:09:09 GMT")).isFalse();
		assertThat(notModified(null, "yesterday")).isFalse();
		assertThat(notModified(null, null)).isFalse();
	}

	private static boolean notModified(String ifNoneMatch, String ifModifiedSince) {
		return ConditionalRequests.notModified(ifNoneMatch, ifModifiedSince, ETAG, LAST_MODIFIED, LAST_MODIFIED_HEADER);
	}

}

package dev.facecard.avatar;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalRequestsTest {

	private static final AvatarImage IMAGE = AvatarImage.Version
		.of("abc", Instant.parse("2026-11-02T08:09:10.654Z"), 1, 1)
		.with(new byte[] { 1 });

	@Test
	void headerValuesAreFormattedAsHttpDates() {
		assertThat(IMAGE.etag()).isEqualTo("\"abc\"");
		assertThat(IMAGE.lastModifiedHeader()).isEqualTo("Mon, 02 Nov 2026 08:09:10 GMT");
	}

	@Test
	void ifNoneMatchMatchesOurTagInAListWeaklyOrStar() {
		assertThat(ConditionalRequests.notModified("\"abc\"", null, IMAGE)).isTrue();
		assertThat(ConditionalRequests.notModified("\"x\", \"abc\"", null, IMAGE)).isTrue();
		assertThat(ConditionalRequests.notModified("W/\"abc\"", null, IMAGE)).isTrue();
		assertThat(ConditionalRequests.notModified("*", null, IMAGE)).isTrue();
		assertThat(ConditionalRequests.notModified("\"abcd\"", null, IMAGE)).isFalse();
		assertThat(ConditionalRequests.notModified("abc", null, IMAGE)).isFalse();
	}

	@Test
	void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
		assertThat(ConditionalRequests.notModified("\"other\"", IMAGE.lastModifiedHeader(), IMAGE)).isFalse();
	}

	@Test
	void ifModifiedSinceComparesWholeSeconds() {
		assertThat(ConditionalRequests.notModified(null, "Mon, 02 Nov 2026 08:09:10 GMT", IMAGE)).isTrue();
		assertThat(ConditionalRequests.notModified(null, "Tue, 03 Nov 2026 00:00:00 GMT", IMAGE)).isTrue();
		assertThat(ConditionalRequests.notModified(null, "Mon, 02 Nov 2026 08:09:09 GMT", IMAGE)).isFalse();
		assertThat(ConditionalRequests.notModified(null, "yesterday", IMAGE)).isFalse();
		assertThat(ConditionalRequests.notModified(null, null, IMAGE)).isFalse();
	}

}

package dev.facecard.avatar;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvatarImageTest {

	@Test
	void headerValuesAreFormattedOnceAsTagAndHttpDate() {
		AvatarImage image = AvatarImage.Version.of("abc", Instant.parse("2026-11-02T08:09:10.654Z"), 1, 1, false, false)
			.with(new byte[] { 1 });

		assertThat(image.etag()).isEqualTo("\"abc\"");
		assertThat(image.lastModifiedHeader()).isEqualTo("Mon, 02 Nov 2026 08:09:10 GMT");
	}

}

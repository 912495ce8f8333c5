package dev.facecard.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPathsTest {

	@Test
	void aRawPathIsDecodedAsFarAsItGoes() {
		assertThat(RequestPaths.lenientlyDecoded("/api/user/get%5Favatar")).isEqualTo("/api/user/get_avatar");
		assertThat(RequestPaths.lenientlyDecoded("/api;x=1/user;y/get_avatar")).isEqualTo("/api/user/get_avatar");
		assertThat(RequestPaths.lenientlyDecoded("/avatars/%zz")).isEqualTo("/avatars/%zz");
		assertThat(RequestPaths.lenientlyDecoded("/avatars/a%00b")).isEqualTo("/avatars/a");
		assertThat(RequestPaths.lenientlyDecoded(null)).isEmpty();
	}

	@Test
	void repeatedSlashesAreMergedAsTomcatDoesBeforeRouting() {
		assertThat(RequestPaths.lenientlyDecoded("//api//user///get_avatar")).isEqualTo("/api/user/get_avatar");
		assertThat(RequestPaths.lenientlyDecoded("/avatars%2F%2Fx")).isEqualTo("/avatars/x");
	}

	@Test
	void dotSegmentsAndEncodedSeparatorsAreAmbiguous() {
		assertThat(RequestPaths.isAmbiguous("/api/../api/user/get_avatar")).isTrue();
		assertThat(RequestPaths.isAmbiguous("/api/%2e%2E/x")).isTrue();
		assertThat(RequestPaths.isAmbiguous("/avatars/a%2Fb")).isTrue();
		assertThat(RequestPaths.isAmbiguous("/avatars/a\\b")).isTrue();
		assertThat(RequestPaths.isAmbiguous("/api/user/get_avatar")).isFalse();
		assertThat(RequestPaths.isAmbiguous("/avatars/a.b.jpg")).isFalse();
	}

}

package dev.facecard.shared.web;

import java.util.List;

import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code facecard.public-base-url} (as production runs), avatar URLs never depend on
 * the request, so an anonymous card is {@code public} and the same for every client, even
 * behind a proxy whose forwarded headers are trusted.
 */
@TestPropertySource(properties = { "facecard.public-base-url=https://avatars.example.com",
		"server.forward-headers-strategy=native" })
class SharedAnswersWithPublicBaseUrlTest extends SharedAnswersContract {

	@Test
	void cardsArePublicAndPointAtTheConfiguredBase() {
		Response card = get("/api/get-public-user-profile?userId=" + this.userId,
				List.of("Host", "evil.example:666", "X-Forwarded-Host", "evil.example"));

		assertThat(card.json().get("avatarUrl").stringValue()).startsWith("https://avatars.example.com/avatars/");
		assertThat(card.header("Cache-Control")).isEqualTo("max-age=30, public");
	}

	@Test
	void aCachedCardWeighsItsEntryAndPackedValues() {
		assertWeighsItsEntryAndPackedValues(cacheTheCard());
	}

	@Test
	void noClientHeaderChangesAnAnswerASharedCacheMayKeep() {
		// avatars and the anonymous card: 6 URLs × every header, but those the answer
		// varies by: Origin on /api/** (CORS), and the two Accept headers on
		// get_avatar's images (WebP)
		int headers = CLIENT_HEADERS.size();
		assertThat(assertNoClientHeaderChangesASharedAnswer())
			.isGreaterThanOrEqualTo(3 * (headers - 3) + 2 * headers + (headers - 1));
	}

}

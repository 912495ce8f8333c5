package dev.facecard.shared.web;

import java.util.List;
import java.util.Map;

import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code facecard.public-base-url}, a card's {@code avatarUrl} follows the
 * request's {@code Host}: such a card is never {@code public}, and no other public answer
 * depends on a client's header.
 */
class SharedAnswersTest extends SharedAnswersContract {

	/** One card serves every host: it keeps no row, nor a copy per host. */
	@Test
	void aCachedCardWeighsItsEntryAndPackedValues() {
		CachedCard card = cacheTheCard();
		Response other = get("/api/get-public-user-profile?userId=" + this.userId, List.of("Host", "other.example"));

		assertWeighsItsEntryAndPackedValues(card);
		assertThat(other.json().get("avatarUrl").stringValue()).startsWith("http://other.example/avatars/");
	}

	@Test
	void aCardWhoseAvatarUrlFollowsTheHostIsNeverShared() {
		Response poisoned = get("/api/get-public-user-profile?userId=" + this.userId,
				List.of("Host", "evil.example:666"));

		assertThat(poisoned.status()).isEqualTo(200);
		assertThat(poisoned.json().get("avatarUrl").stringValue()).startsWith("http://evil.example:666/avatars/");
		assertThat(poisoned.header("Cache-Control")).isEqualTo("max-age=30, private");
		assertThat(isShared(get("/api/get-public-user-profile?userId=" + this.userId, List.of()))).isFalse();
	}

	@Test
	void forwardedHostHeadersAreIgnored() {
		Response card = get("/api/get-public-user-profile?userId=" + this.userId,
				List.of("X-Forwarded-Host", "evil.example:666", "X-Forwarded-Proto", "https"));

		assertThat(card.json().get("avatarUrl").stringValue()).startsWith("http://localhost:");
	}

	@Test
	void noErrorOfAGetIsKeptByACache() {
		// a 404 may be kept by heuristic: served for a user created since, or in place of
		// the 401 a bad key gets
		// the advice, the error page (/error itself), and Tomcat's refusal of a transfer
		// coding it does not speak (501, before any filter)
		Map<String, List<String>> requests = Map.of("/api/get-public-user-profile?userId=nobody", List.of(),
				"/api/get-public-user-profile?userId=", List.of(), "/no/such/page", List.of(), "/admin/users/nobody",
				List.of("Authorization", "Bearer " + ADMIN_TOKEN), "/error", List.of(),
				"/api/get-public-user-profile?userId=x", List.of("Transfer-Encoding", "gzip"));
		requests.forEach((path, headers) -> {
			Response refused = get(path, headers);
			assertThat(refused.status()).as(path).isGreaterThanOrEqualTo(400);
			assertThat(refused.header("Cache-Control")).as(path).isEqualTo("no-store");
		});
	}

	@Test
	void noClientHeaderChangesAnAnswerASharedCacheMayKeep() {
		// the avatars are public: 5 URLs × every header, but those the answer varies by:
		// Origin on get_avatar (CORS on /api/**), and the two Accept headers on its
		// images (WebP)
		int headers = CLIENT_HEADERS.size();
		assertThat(assertNoClientHeaderChangesASharedAnswer()).isGreaterThanOrEqualTo(3 * (headers - 3) + 2 * headers);
	}

}

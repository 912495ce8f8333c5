package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.facecard.support.StatementCounter.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Not found" lives in a small cache of its own: batches of ids that no user has, however
 * many, never push a real card out of the card cache.
 */
@TestPropertySource(properties = { "facecard.cache.max-entries=40", "facecard.cache.max-not-found-entries=10" })
class NotFoundCacheTest extends IntegrationTest {

	@Test
	void batchesOfUnknownIdsNeverPushRealCardsOut() {
		String appid = newApp();
		List<String> real = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			real.add(newUser(appid, "real" + i, null).get("userId").stringValue());
		}
		real.forEach(this::card);
		assertThat(count(() -> real.forEach(this::card))).isZero();

		// 500 unknown ids: far more than either cache holds
		for (int round = 0; round < 5; round++) {
			StringBuilder body = new StringBuilder("{\"userIds\":[");
			for (int i = 0; i < 100; i++) {
				body.append(i > 0 ? "," : "").append("\"nobody_").append(round).append('_').append(i).append('"');
			}
			body.append("]}");
			assertThat(this.http
				.send("POST", "/api/get-public-user-profiles", body.toString().getBytes(StandardCharsets.UTF_8),
						"Content-Type", "application/json")
				.status()).isEqualTo(200);
		}

		assertThat(count(() -> real.forEach(this::card))).isZero();
	}

	private void card(String userId) {
		assertThat(this.http.get("/api/get-public-user-profile?userId=" + userId).status()).isEqualTo(200);
	}

}

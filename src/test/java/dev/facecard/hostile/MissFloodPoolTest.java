package dev.facecard.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.facecard.support.HeldStatements;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of public lookup that misses its cache at its bound at once, each statement
 * held by a slow database: profile cards, isFollowing and own profiles (one statement
 * each), avatars (four), API keys (two) and app credentials (one) take 10 of the pool's
 * 16 connections, and an admin write still gets one at once (README, Scaling). With the
 * pool at Hikari's default of 10, the flood would take every connection.
 */
class MissFloodPoolTest extends IntegrationTest {

	private static final int HELD = 1 + 1 + 1 + 4 + 2 + 1;

	@Test
	void aFloodOfMissesOfEveryKindLeavesConnectionsForWrites() throws Exception {
		String appid = newApp();
		String star = user(appid, "star");
		String bystander = user(appid, "bystander");
		List<String> withKeys = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String userId = user(appid, "keyed" + i);
			withKeys.add(userId);
			keys.add(admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue());
		}
		// the card asked for with a key and both keys cached: only what each request is
		// for misses
		for (String userId : List.of(star, withKeys.get(1))) {
			assertThat(profile(userId, null).status()).isEqualTo(200);
		}
		for (String key : keys) {
			assertThat(profile(star, key).status()).isEqualTo(200);
		}
		List<Callable<Response>> flood = new ArrayList<>();
		String uncached = user(appid, "card");
		flood.add(() -> profile(uncached, null));
		flood.add(() -> profile(withKeys.get(1), keys.get(0)));
		flood.add(() -> own(keys.get(1)));
		for (int i = 0; i < 4; i++) {
			String username = newUser(appid, "1370013700" + i, null).get("username").stringValue();
			flood.add(() -> this.http.get("/api/user/get_avatar?appid=" + appid + "&user=" + username));
		}
		for (int i = 0; i < 2; i++) {
			String madeUp = "fc_" + String.valueOf((char) ('P' + i)).repeat(43);
			flood.add(() -> profile(star, madeUp));
		}
		flood.add(() -> this.http.send("GET", "/admin/users?appid=" + appid, null, "Authorization",
				"Bearer fcapp_" + "Q".repeat(43)));
		assertThat(flood).hasSize(HELD);

		try (HeldStatements held = HeldStatements.hold(List.of("where u.user_id in",
				"where (follower_id, followee_id) in", "join avatars a on a.hash = u.avatar_hash",
				"where k.token_hash = ?", "from app_credentials where token_hash"), 12000, flood)) {
			assertThat(metric("hikaricp_connections_active")).isGreaterThanOrEqualTo(HELD);

			// a pool without room would answer 503 after its wait of 1 s, long before the
			// held
			// statements end
			double poolTimeoutsBefore = metric("hikaricp_connections_timeout_total");
			Response write = admin("PATCH", "/admin/users/" + bystander, "{\"nickname\":\"Still writable\"}");
			assertThat(write.status()).as(write.toString()).isEqualTo(200);
			assertThat(metric("hikaricp_connections_timeout_total")).isEqualTo(poolTimeoutsBefore);
			assertThat(held.answers()).extracting(Response::status).containsOnly(200, 401, 404);
		}
	}

	private String user(String appid, String username) {
		return newUser(appid, username, null).get("userId").stringValue();
	}

	private Response profile(String userId, String key) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return (key == null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + key);
	}

	private Response own(String key) {
		return this.http.send("POST", "/api/get-user-profile", "{}".getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json", "Authorization", "Bearer " + key);
	}

}

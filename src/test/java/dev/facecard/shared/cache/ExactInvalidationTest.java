package dev.facecard.shared.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.SlowQueries;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an admin write has answered, this instance serves no older state from its caches,
 * not even one that a lookup still in flight during the write read before it: each test
 * holds such a lookup open ({@link SlowQueries}) across a ban, then checks what is served
 * once it has finished.
 */
class ExactInvalidationTest extends IntegrationTest {

	private static final long PAUSE_MILLIS = 2000;

	@AfterEach
	void stopPausing() {
		SlowQueries.stop();
	}

	@Test
	void aBanDuringABatchLoadIsNotUndoneByIt() throws Exception {
		String appid = newApp();
		List<String> userIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			userIds.add(newUser(appid, "batch" + i, null).get("userId").stringValue());
		}
		String body = "{\"userIds\":[\"" + String.join("\",\"", userIds) + "\"]}";

		SlowQueries.pause("where u.user_id in", PAUSE_MILLIS);
		CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> batch(body));
		SlowQueries.awaitPaused(10); // the batch has read its rows and waits
		assertThat(admin("PATCH", "/admin/users/" + userIds.get(2), "{\"banned\":true}").status()).isEqualTo(200);
		Response loadedBeforeTheBan = inFlight.get(10, TimeUnit.SECONDS);
		SlowQueries.stop();

		// it did read the old state
		assertThat(loadedBeforeTheBan.json().get("profiles").size()).isEqualTo(5);
		Response after = batch(body);
		assertThat(after.json().get("notFound").size()).isEqualTo(1);
		assertThat(after.json().get("notFound").get(0).stringValue()).isEqualTo(userIds.get(2));
		assertThat(this.http.get("/api/get-public-user-profile?userId=" + userIds.get(2)).status()).isEqualTo(404);
	}

	@Test
	void aBanDuringASingleCardLoadIsNotUndoneByIt() throws Exception {
		String userId = newUser(newApp(), "single", null).get("userId").stringValue();

		SlowQueries.pause("where u.user_id in", PAUSE_MILLIS);
		CompletableFuture<Response> inFlight = CompletableFuture
			.supplyAsync(() -> this.http.get("/api/get-public-user-profile?userId=" + userId));
		SlowQueries.awaitPaused(10);
		assertThat(admin("PATCH", "/admin/users/" + userId, "{\"banned\":true}").status()).isEqualTo(200);
		assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		SlowQueries.stop();

		assertThat(this.http.get("/api/get-public-user-profile?userId=" + userId).status()).isEqualTo(404);
	}

	@Test
	void aBanDuringTheLookupOfItsOwnersKeyIsNotUndoneByIt() throws Exception {
		String appid = newApp();
		String owner = newUser(appid, "owner", null).get("userId").stringValue();
		String target = newUser(appid, "target", null).get("userId").stringValue();
		String token = admin("POST", "/admin/users/" + owner + "/api-keys", null).json().get("token").stringValue();

		SlowQueries.pause("api_keys", PAUSE_MILLIS);
		CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> profile(target, token));
		SlowQueries.awaitPaused(10); // the key's owner was read as not banned
		assertThat(admin("PATCH", "/admin/users/" + owner, "{\"banned\":true}").status()).isEqualTo(200);
		assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		SlowQueries.stop();

		assertThat(profile(target, token).status()).isEqualTo(401);
	}

	private Response batch(String body) {
		return this.http.send("POST", "/api/get-public-user-profiles", body.getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");
	}

	private Response profile(String userId, String token) {
		return this.http.send("POST", "/api/get-public-user-profile",
				("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json", "Authorization", "Bearer " + token);
	}

}

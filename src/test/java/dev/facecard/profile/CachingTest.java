package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.SlowQueries;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.facecard.support.StatementCounter.count;
import static dev.facecard.support.StatementCounter.statements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read paths' caches: uncached, a profile costs at most 3 statements (token, card,
 * isFollowing); cached, profiles and avatars cost none; and every admin write is served
 * new at once on this instance.
 */
class CachingTest extends IntegrationTest {

	@Autowired
	private ProfileService profiles;

	@Test
	void profileTakesAtMostThreeStatementsUncachedAndNoneCached() {
		String appid = newApp();
		String target = newUser(appid, "target", "\"nickname\":\"T\"").get("userId").stringValue();
		String viewer = newUser(appid, "viewer", null).get("userId").stringValue();
		String other = newUser(appid, "other", null).get("userId").stringValue();
		String token = token(viewer);

		assertThat(count(() -> profile(target, token))).isEqualTo(3);
		assertThat(count(() -> profile(target, token))).isZero();
		assertThat(count(() -> profile(target, null))).isZero();
		assertThat(count(() -> profile(other, null))).isEqualTo(1);
		assertThat(count(() -> profile(other, null))).isZero();
		assertThat(count(() -> profile(viewer, token))).isLessThanOrEqualTo(1);
	}

	@Test
	void avatarsTakeOneStatementUncachedAndNoneCached() {
		String appid = newApp();
		String userId = newUser(appid, "13800138000", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.noise(32, 32, TestImages.distinctSeed()), "png"));
		String byUsername = "/api/user/get_avatar?appid=" + appid + "&user=13800138000";
		String byHash = "/avatars/" + this.http.get(byUsername).header("ETag").replace("\"", "") + ".jpg";

		assertThat(count(() -> assertThat(this.http.get(byUsername).status()).isEqualTo(200))).isZero();
		assertThat(count(() -> assertThat(this.http.get(byHash).status()).isEqualTo(200))).isLessThanOrEqualTo(1);
		assertThat(count(() -> assertThat(this.http.get(byHash).status()).isEqualTo(200))).isZero();
		String unknown = "/api/user/get_avatar?appid=" + appid + "&user=nobody";
		assertThat(count(() -> assertThat(this.http.get(unknown).status()).isEqualTo(404))).isEqualTo(1);
		assertThat(count(() -> assertThat(this.http.get(unknown).status()).isEqualTo(404))).isZero();
	}

	/**
	 * Readers run all along while the nickname changes, and the first read after each
	 * change must show it. (The eviction is an exact invalidate, which waits for a lookup
	 * of the same user still loading; this test did not catch the older, non-waiting
	 * eviction in 40 rounds, so it shows the behaviour, not that race.)
	 */
	@Test
	void aReadRacingAWriteNeverLeavesTheOldCardCached() throws Exception {
		String userId = newUser(newApp(), "racer", "\"nickname\":\"n0\"").get("userId").stringValue();
		byte[] request = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService readers = Executors.newFixedThreadPool(3);
		try {
			for (int i = 0; i < 3; i++) {
				readers.submit(() -> {
					while (writing.get()) {
						this.http.send("POST", "/api/get-public-user-profile", request, "Content-Type",
								"application/json");
					}
				});
			}
			for (int i = 1; i <= 40; i++) {
				assertThat(admin("PATCH", "/admin/users/" + userId, "{\"nickname\":\"n" + i + "\"}").status())
					.isEqualTo(200);
				JsonNode card = this.http
					.send("POST", "/api/get-public-user-profile", request, "Content-Type", "application/json")
					.json();
				assertThat(card.get("nickname").stringValue()).as("after change %d", i).isEqualTo("n" + i);
			}
		}
		finally {
			writing.set(false);
			readers.shutdown();
			readers.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * Misses at the same time are loaded together (ProfileService's BatchingLoader): with
	 * the one statement it allows held open, 40 more misses wait in line and are read by
	 * one statement; each caller still gets its own user's card, and banned and unknown
	 * users are not found.
	 */
	@Test
	void concurrentMissesOfManyUsersShareAStatementAndEachGetTheirOwnCard() throws Exception {
		String appid = newApp();
		List<String> userIds = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			userIds.add(newUser(appid, "crowd" + i, "\"nickname\":\"crowd " + i + "\"").get("userId").stringValue());
		}
		admin("PATCH", "/admin/users/" + userIds.get(7), "{\"banned\":true}");
		userIds.add("no-such-user");
		ExecutorService callers = Executors.newFixedThreadPool(userIds.size());
		List<Future<Response>> answers = new ArrayList<>();
		try {
			List<String> statements = statements(() -> {
				try {
					SlowQueries.pause("where u.user_id in", 3000);
					answers.add(callers.submit(() -> post(userIds.get(0), null)));
					SlowQueries.awaitPaused(10);
					for (String userId : userIds.subList(1, userIds.size())) {
						answers.add(callers.submit(() -> post(userId, null)));
					}
					await().atMost(Duration.ofSeconds(10)).until(() -> this.profiles.missesInLine() == 40);
					SlowQueries.stop();
					for (Future<Response> answer : answers) {
						answer.get(30, TimeUnit.SECONDS);
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			// the card statements only (a background statement may run meanwhile), by
			// the ids each read: the one held open, then the 40 that waited
			assertThat(statements.stream()
				.filter(sql -> sql.contains("where u.user_id in"))
				.map(sql -> sql.chars().filter(c -> c == '?').count())).containsExactly(1L, 40L);
		}
		finally {
			SlowQueries.stop();
			callers.shutdown();
		}
		for (int i = 0; i < userIds.size(); i++) {
			Response answer = answers.get(i).get();
			if (i == 7 || i == 40) {
				assertThat(answer.status()).as(userIds.get(i)).isEqualTo(404);
				continue;
			}
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.json().get("userId").stringValue()).isEqualTo(userIds.get(i));
			assertThat(answer.json().get("nickname").stringValue()).isEqualTo("crowd " + i);
		}
	}

	@Test
	void everyAdminWriteIsServedNewAtOnce() {
		String appid = newApp();
		String userId = newUser(appid, "alice", "\"nickname\":\"Old\"").get("userId").stringValue();
		String fan = newUser(appid, "fan", null).get("userId").stringValue();
		String fanToken = token(fan);
		String avatar = "/api/user/get_avatar?appid=" + appid + "&user=alice";
		// warm every cache: card, isFollowing, avatar (as a miss), token
		assertThat(profile(userId, fanToken).get("isFollowing").booleanValue()).isFalse();
		assertThat(this.http.get(avatar).status()).isEqualTo(404);

		admin("PATCH", "/admin/users/" + userId, "{\"nickname\":\"New\"}");
		assertThat(profile(userId, null).get("nickname").stringValue()).isEqualTo("New");

		uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.noise(20, 20, TestImages.distinctSeed()), "png"));
		Response first = this.http.get(avatar);
		assertThat(first.status()).isEqualTo(200);
		assertThat(profile(userId, null).get("avatarUrl").stringValue())
			.contains(first.header("ETag").replace("\"", ""));
		uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.noise(20, 20, TestImages.distinctSeed()), "png"));
		Response second = this.http.get(avatar);
		assertThat(second.header("ETag")).isNotEqualTo(first.header("ETag"));
		assertThat(this.http.get("/avatars/" + first.header("ETag").replace("\"", "") + ".jpg").status())
			.isEqualTo(404);

		admin("PUT", "/admin/users/" + fan + "/following/" + userId, null);
		JsonNode followed = profile(userId, fanToken);
		assertThat(followed.get("isFollowing").booleanValue()).isTrue();
		assertThat(followed.get("followerCount").longValue()).isEqualTo(1);
		admin("DELETE", "/admin/users/" + fan + "/following/" + userId, null);
		assertThat(profile(userId, fanToken).get("isFollowing").booleanValue()).isFalse();

		admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[\"" + userId + "\"]}");
		assertThat(profile(userId, null).get("topAuthorRank").intValue()).isEqualTo(1);
		admin("PUT", "/admin/leaderboards/author", "{\"userIds\":[]}");
		assertThat(profile(userId, null).has("topAuthorRank")).isFalse();

		admin("PATCH", "/admin/users/" + userId, "{\"username\":\"alice2\"}");
		assertThat(this.http.get(avatar).status()).isEqualTo(404);
		assertThat(this.http.get(avatar.replace("alice", "alice2")).status()).isEqualTo(200);

		admin("DELETE", "/admin/users/" + userId + "/avatar", null);
		assertThat(this.http.get(avatar.replace("alice", "alice2")).status()).isEqualTo(404);
		assertThat(profile(userId, null).get("avatarUrl").isNull()).isTrue();
	}

	@Test
	void banAndRevocationTakeEffectAtOnce() {
		String appid = newApp();
		String userId = newUser(appid, "bob", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.noise(20, 20, TestImages.distinctSeed()), "png"));
		String target = newUser(appid, "target", null).get("userId").stringValue();
		String token = token(userId);
		String avatar = "/api/user/get_avatar?appid=" + appid + "&user=bob";
		assertThat(this.http.get(avatar).status()).isEqualTo(200);
		assertThat(post(target, token).status()).isEqualTo(200);
		assertThat(post(userId, null).status()).isEqualTo(200);

		admin("PATCH", "/admin/users/" + userId, "{\"banned\":true}");
		assertThat(this.http.get(avatar).status()).isEqualTo(404);
		assertThat(post(userId, null).status()).isEqualTo(404);
		assertThat(post(target, token).status()).isEqualTo(401);

		admin("PATCH", "/admin/users/" + userId, "{\"banned\":false}");
		assertThat(this.http.get(avatar).status()).isEqualTo(200);
		assertThat(post(target, token).status()).isEqualTo(200);

		JsonNode issued = admin("POST", "/admin/users/" + userId + "/api-keys", null).json();
		String second = issued.get("token").stringValue();
		assertThat(post(target, second).status()).isEqualTo(200);
		admin("DELETE", "/admin/api-keys/" + issued.get("id").stringValue(), null);
		assertThat(post(target, second).status()).isEqualTo(401);
		assertThat(post(target, token).status()).isEqualTo(200);
	}

	private String token(String userId) {
		return admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
	}

	private JsonNode profile(String userId, String token) {
		Response response = post(userId, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Response post(String userId, String token) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return (token == null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
	}

}

package dev.facecard.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import dev.facecard.profile.ProfileService;
import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static dev.facecard.support.ApiAssertions.assertSeedError;
import static dev.facecard.support.StatementCounter.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused request costs no database work: every budget is checked before the lookup it
 * would pay for, so a client that has spent it gets its 429 without a statement, however
 * many requests it sends. Each test speaks from client addresses of its own (Tomcat
 * trusts X-Forwarded-For from loopback here).
 */
class RefusalCostTest extends LimitedIntegrationTest {

	/**
	 * Fixed: the same made-up keys and ids on every run, and other ones in each test,
	 * since unknown keys stay cached in the context the tests share.
	 */
	private Random random;

	@BeforeEach
	void seed(TestInfo test) {
		this.random = new Random(20261201L ^ test.getTestMethod().orElseThrow().getName().hashCode());
	}

	@Autowired
	private ProfileService profiles;

	@Test
	void unknownKeysSpendTheFailureBudgetAndThenCostNoStatement() {
		String appid = newApp();
		String target = newUser(appid, "target", null).get("userId").stringValue();
		String owner = newUser(appid, "owner", null).get("userId").stringValue();
		String cachedKey = admin("POST", "/admin/users/" + owner + "/api-keys", null).json().get("token").stringValue();
		String uncachedKey = admin("POST", "/admin/users/" + owner + "/api-keys", null).json()
			.get("token")
			.stringValue();
		String ip = "198.51.100.101";

		for (int i = 0; i < 3; i++) {
			int[] status = new int[1];
			assertThat(count(() -> status[0] = profile(target, ip, randomKey()).status())).isEqualTo(1);
			assertThat(status[0]).isEqualTo(401);
		}
		List<Integer> statuses = new ArrayList<>();
		int statements = count(() -> {
			for (int i = 0; i < 300; i++) {
				statuses.add(profile(target, ip, randomKey()).status());
			}
		});

		assertThat(statuses).containsOnly(429);
		assertThat(statements).isLessThanOrEqualTo(3);
		Response refused = profile(target, ip, randomKey());
		assertProblem(refused, 429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		// a key already known to be valid needs no lookup and still works; one that would
		// need a lookup waits cached again, fresh
		assertThat(profile(target, "198.51.100.103", cachedKey).status()).isEqualTo(200);
		assertThat(profile(target, ip, cachedKey).status()).isEqualTo(200);
		assertProblem(profile(target, ip, uncachedKey), 429);
		// another client is not affected
		assertThat(profile(target, "198.51.100.102", uncachedKey).status()).isEqualTo(200);
	}

	@Test
	void getAvatarReadsNoKeySoNoAuthorizationRefusesItOrSpendsABudget() {
		String appid = newApp();
		String owner = newUser(appid, "owner", null).get("userId").stringValue();
		uploadAvatar(owner, "image/png", TestImages.encode(TestImages.noise(16, 16, 12), "png"));
		String key = admin("POST", "/admin/users/" + owner + "/api-keys", null).json().get("token").stringValue();
		String ip = "198.51.100.111";
		String url = "/api/user/get_avatar?appid=" + appid + "&user=owner";
		assertThat(this.http.get(url, "X-Forwarded-For", ip).status()).isEqualTo(200);
		List<String> authorizations = List.of("Bearer " + key, "Bearer " + randomKey(), "Bearer garbage", "Bearer",
				"Basic dXNlcjpwYXNz", "garbage");

		int statements = count(() -> {
			for (int i = 0; i < 5; i++) {
				for (String authorization : authorizations) {
					Response answer = this.http.get(url, "X-Forwarded-For", ip, "Authorization", authorization);
					assertThat(answer.status()).as(authorization).isEqualTo(200);
					assertThat(answer.header("Content-Type")).isEqualTo("image/jpeg");
					assertThat(answer.header("X-RateLimit-Limit")).isNull();
				}
			}
		});

		assertThat(statements).isZero();
		// the key's owner still has the whole of its budget of 3
		assertThat(profile(owner, "198.51.100.112", key).header("X-RateLimit-Remaining")).isEqualTo("2");
	}

	@Test
	void anUnknownKeyTriedAgainIsAnsweredFromTheCacheAsARevokedOneIs() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		String key = randomKey();
		String ip = "198.51.100.131";

		assertThat(count(() -> assertProblem(profile(target, ip, key), 401))).isEqualTo(1);
		assertThat(count(() -> assertProblem(profile(target, ip, key), 401))).isZero();
	}

	@Test
	void theGetFormChecksTheBudgetBeforeItLooksAnythingUp() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		String ip = "198.51.100.121";
		for (int i = 0; i < 4; i++) {
			assertThat(this.http.get("/api/get-public-user-profile?userId=" + target, "X-Forwarded-For", ip).status())
				.isEqualTo(200);
		}
		List<Integer> statuses = new ArrayList<>();
		int statements = count(() -> {
			for (int i = 0; i < 50; i++) {
				statuses.add(
						this.http
							.get("/api/get-public-user-profile?userId=" + randomId(), "X-Forwarded-For", ip,
									"If-None-Match", "\"" + i + "\"")
							.status());
			}
		});

		assertThat(statuses).containsOnly(429);
		assertThat(statements).isZero();
	}

	@Test
	void spentAvatarMissesRefuseEveryLookupWithoutAStatement() {
		String appid = newApp();
		String userId = newUser(appid, "13800138000", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(16, 16, 11), "png"));
		String ip = "198.51.100.131";
		assertThat(avatar(appid, "nobody1", ip, null).status()).isEqualTo(404);
		assertThat(avatar(appid, "nobody2", ip, null).status()).isEqualTo(404);

		List<Integer> statuses = new ArrayList<>();
		int statements = count(() -> {
			for (int i = 0; i < 50; i++) {
				statuses.add(avatar(appid, "u" + this.random.nextLong(), ip, null).status());
			}
			statuses.add(avatar(appid, "13800138000", ip, null).status());
			statuses.add(this.http.get("/avatars/" + "0".repeat(64) + ".jpg", "X-Forwarded-For", ip).status());
		});

		assertThat(statuses).containsOnly(429);
		assertThat(statements).isZero();
	}

	@Test
	void aBatchCostsOneRequestPerTenIdsTakenBeforeAnyLookup() {
		// 4 requests a minute here: 31 to 40 ids cost all of them, 11 to 20 two, 1 to 10
		// one
		Response forty = batch(ids(40), "198.51.100.141");
		assertThat(forty.status()).isEqualTo(200);
		assertThat(forty.header("X-RateLimit-Remaining")).isEqualTo("0");
		String ip = "198.51.100.142";
		assertThat(batch(ids(11), ip).header("X-RateLimit-Remaining")).isEqualTo("2");
		assertThat(batch(ids(1), ip).header("X-RateLimit-Remaining")).isEqualTo("1");

		Response[] refused = new Response[1];
		int statements = count(() -> refused[0] = batch(ids(100), ip));
		assertProblem(refused[0], 429);
		assertThat(statements).isZero();
		// the gate's unit is spent, the rest of the batch's price was not there
		assertThat(refused[0].header("X-RateLimit-Remaining")).isEqualTo("0");
		assertProblem(batch(ids(5), ip), 429);
	}

	@Test
	void idsNoUserCanHaveAreNotLookedUpNorCached() {
		long notFoundBefore = this.profiles.monitoredCaches().get("profile.not-found").estimatedSize();
		List<String> impossible = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			impossible.add("no such id " + i + " ä/" + this.random.nextInt());
		}
		Response[] answer = new Response[1];

		assertThat(count(() -> answer[0] = batch(impossible, "198.51.100.151"))).isZero();
		assertThat(answer[0].json().get("notFound").size()).isEqualTo(40);
		assertThat(this.profiles.monitoredCaches().get("profile.not-found").estimatedSize()).isEqualTo(notFoundBefore);
	}

	private Response profile(String userId, String ip, String key) {
		return this.http.send("POST", "/api/get-public-user-profile",
				("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json", "X-Forwarded-For", ip, "Authorization", "Bearer " + key);
	}

	private Response avatar(String appid, String user, String ip, String key) {
		String url = "/api/user/get_avatar?appid=" + appid + "&user=" + user;
		return (key == null) ? this.http.get(url, "X-Forwarded-For", ip)
				: this.http.get(url, "X-Forwarded-For", ip, "Authorization", "Bearer " + key);
	}

	private Response batch(List<String> ids, String ip) {
		StringBuilder body = new StringBuilder("{\"userIds\":[");
		for (int i = 0; i < ids.size(); i++) {
			body.append(i > 0 ? "," : "").append('"').append(ids.get(i)).append('"');
		}
		body.append("]}");
		return this.http.send("POST", "/api/get-public-user-profiles", body.toString().getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json", "X-Forwarded-For", ip);
	}

	private List<String> ids(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(randomId());
		}
		return ids;
	}

	private String randomId() {
		return "u_" + Long.toHexString(this.random.nextLong());
	}

	private String randomKey() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return "fc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}

package dev.facecard.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits (README, Rate limits) with small values. Tomcat trusts X-Forwarded-For
 * from loopback here (as behind a local proxy), so each test speaks from client IPs of
 * its own.
 */
class RateLimitTest extends LimitedIntegrationTest {

	private static final String PROFILE = "/api/get-public-user-profile";

	@Test
	void perUserLimitStopsTheTokensOwnerFromAnyIpButNotAnotherUser() {
		String appid = newApp();
		String target = newUser(appid, "target", null).get("userId").stringValue();
		String alice = token(newUser(appid, "alice", null).get("userId").stringValue());
		String bob = token(newUser(appid, "bob", null).get("userId").stringValue());

		for (int remaining = 2; remaining >= 0; remaining--) {
			Response response = profile(target, "198.51.100." + remaining, alice);
			assertThat(response.status()).isEqualTo(200);
			assertLimitHeaders(response, 3, remaining);
		}
		Response refused = profile(target, "198.51.100.99", alice);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(refused.json().get("status").intValue()).isEqualTo(429);
		assertLimitHeaders(refused, 3, 0);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(profile(target, "198.51.100.99", bob).status()).isEqualTo(200);
	}

	@Test
	void anonymousLimitStopsOneIpAndNotAnother() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();

		for (int remaining = 3; remaining >= 0; remaining--) {
			Response response = profile(target, "203.0.113.7", null);
			assertThat(response.status()).isEqualTo(200);
			assertLimitHeaders(response, 4, remaining);
		}
		Response refused = profile(target, "203.0.113.7", null);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(profile(target, "203.0.113.8", null).status()).isEqualTo(200);
	}

	@Test
	void conditionalGetsThatMatchAre304AndFreeUntilTheBudgetIsSpentByOthers() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		String url = "/api/get-public-user-profile?userId=" + target;
		Response full = this.http.get(url, "X-Forwarded-For", "203.0.113.60");
		assertThat(full.status()).isEqualTo(200);
		assertLimitHeaders(full, 4, 3);

		for (int i = 0; i < 10; i++) {
			Response notModified = this.http.get(url, "X-Forwarded-For", "203.0.113.60", "If-None-Match",
					full.header("ETag"));
			assertThat(notModified.status()).isEqualTo(304);
		}
		for (int remaining = 2; remaining >= 0; remaining--) {
			assertLimitHeaders(this.http.get(url, "X-Forwarded-For", "203.0.113.60"), 4, remaining);
		}
		assertThat(this.http.get(url, "X-Forwarded-For", "203.0.113.60").status()).isEqualTo(429);
		// once the budget is spent, not even a conditional GET is looked up: it is
		// refused before any statement
		Response refusedBeforeLookup = this.http.get(url, "X-Forwarded-For", "203.0.113.60", "If-None-Match",
				full.header("ETag"));
		assertThat(refusedBeforeLookup.status()).isEqualTo(429);
		assertLimitHeaders(refusedBeforeLookup, 4, 0);
		Response stale = this.http.get(url, "X-Forwarded-For", "203.0.113.60", "If-None-Match", "\"stale\"");
		assertThat(stale.status()).isEqualTo(429);
		assertThat(stale.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(stale.header("Retry-After")).isNotNull();
	}

	@Test
	void encodedOrParameterisedAvatarPathsSpendTheMissBudgetToo() {
		String appid = newApp();
		String ip = "192.0.2.70";
		Response first = this.http.rawGet("/api/user/get_avatar;x=1?appid=" + appid + "&user=nobody1",
				"X-Forwarded-For", ip);
		Response second = this.http.rawGet("/api/user/get%5Favatar?appid=" + appid + "&user=nobody2", "X-Forwarded-For",
				ip);
		Response third = this.http.rawGet("/api/user/get_avatar?appid=" + appid + "&user=nobody3", "X-Forwarded-For",
				ip);

		assertThat(first.status()).isEqualTo(404);
		assertLimitHeaders(first, 2, 1);
		assertThat(second.status()).isEqualTo(404);
		assertLimitHeaders(second, 2, 0);
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.json().get("code").intValue()).isEqualTo(429);
	}

	@Test
	void defaultImagesSpendTheMissBudgetLikeA404() {
		String appid = newApp();
		String ip = "192.0.2.80";
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response image = avatar(appid, "nobody" + remaining + "&default=mp", ip);
			assertThat(image.status()).isEqualTo(200);
			// a shared cache keeps default images: no client's budget in them
			assertThat(image.header("X-RateLimit-Remaining")).isNull();
		}
		Response refused = avatar(appid, "nobody&default=identicon", ip);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("msg").stringValue()).isEqualTo("请求过于频繁");
		assertThat(refused.headerValues("Retry-After")).hasSize(1);
	}

	@Test
	void conditionalGetsThatAreNotAFree304PayTheirBudget() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		String ip = "203.0.113.90";
		// unknown users (404), "*" and stale tags all pay; 4 per minute here
		assertThat(this.http
			.get("/api/get-public-user-profile?userId=nobody_x", "X-Forwarded-For", ip, "If-None-Match", "\"x\"")
			.status()).isEqualTo(404);
		assertThat(this.http
			.get("/api/get-public-user-profile?userId=" + target, "X-Forwarded-For", ip, "If-None-Match", "*")
			.status()).isEqualTo(304);
		assertThat(this.http
			.get("/api/get-public-user-profile?userId=nobody_y", "X-Forwarded-For", ip, "If-None-Match", "*")
			.status()).isEqualTo(404);
		assertThat(this.http
			.get("/api/get-public-user-profile?userId=" + target, "X-Forwarded-For", ip, "If-None-Match", "\"stale\"")
			.status()).isEqualTo(200);
		Response refused = this.http.get("/api/get-public-user-profile?userId=nobody_z", "X-Forwarded-For", ip,
				"If-None-Match", "\"x\"");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headerValues("Retry-After")).hasSize(1);
		assertThat(refused.headerValues("X-RateLimit-Remaining")).containsExactly("0");
	}

	@Test
	void aBatchOfTenProfilesCountsAsOneRequest() {
		byte[] body = ("{\"userIds\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"]}")
			.getBytes(StandardCharsets.UTF_8);
		Response first = this.http.send("POST", "/api/get-public-user-profiles", body, "Content-Type",
				"application/json", "X-Forwarded-For", "203.0.113.50");
		Response second = this.http.send("POST", "/api/get-public-user-profiles", body, "Content-Type",
				"application/json", "X-Forwarded-For", "203.0.113.50");

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("notFound").size()).isEqualTo(10);
		assertLimitHeaders(first, 4, 3);
		assertLimitHeaders(second, 4, 2);
	}

	@Test
	void avatarMissesRunOutTheirOwnBudgetAndThenEveryLookupOfTheClientIsRefused() {
		String appid = newApp();
		String userId = newUser(appid, "13800138000", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(16, 16, 1), "png"));
		String ip = "192.0.2.44";

		Response hit = avatar(appid, "13800138000", ip);
		assertThat(hit.status()).isEqualTo(200);
		assertThat(hit.header("X-RateLimit-Limit")).isNull();
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response miss = avatar(appid, "nobody" + remaining, ip);
			assertThat(miss.status()).isEqualTo(404);
			assertThat(miss.json().get("code").intValue()).isEqualTo(404);
			assertLimitHeaders(miss, 2, remaining);
		}
		Response refused = avatar(appid, "nobody-else", ip);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).startsWith("application/json");
		assertThat(refused.json().propertyNames()).containsExactly("code", "msg");
		assertThat(refused.json().get("code").intValue()).isEqualTo(429);
		assertThat(refused.json().get("msg").stringValue()).isEqualTo("请求过于频繁");
		assertThat(refused.headerValues("Retry-After")).hasSize(1);
		// past the budget, a real avatar is refused too: a 200 beside the 429s would tell
		// which names exist
		Response realButRefused = avatar(appid, "13800138000", ip);
		assertThat(realButRefused.status()).isEqualTo(429);
		assertThat(realButRefused.json().get("code").intValue()).isEqualTo(429);
		assertThat(avatar(appid, "13800138000", "192.0.2.45").status()).isEqualTo(200);
		assertThat(avatar(appid, "nobody", "192.0.2.45").status()).isEqualTo(404);
		// avatar lookups do not spend the anonymous profile budget of the same IP
		assertThat(profile(userId, ip, null).status()).isEqualTo(200);
	}

	@Test
	void anAvatarRefusedForItsResizeBudgetCostsNoMiss() {
		String appid = newApp();
		String userId = newUser(appid, "13800138001", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png", TestImages.encode(TestImages.noise(64, 64, 2), "png"));
		String ip = "192.0.2.47";

		// two resizes a minute here: the third size is refused, though the avatar exists
		for (int size = 20; size < 24; size++) {
			Response sized = avatar(appid, "13800138001&size=" + size, ip);
			assertThat(sized.status()).as("size %d", size).isEqualTo((size < 22) ? 200 : 429);
		}
		// the misses are all still there
		for (int remaining = 1; remaining >= 0; remaining--) {
			assertLimitHeaders(avatar(appid, "nobody" + remaining, ip), 2, remaining);
		}
	}

	@Test
	void parallelMissesNeverSpendMoreThanTheBudget() throws Exception {
		String appid = newApp();
		String ip = "192.0.2.46";
		List<Integer> statuses = inParallel(i -> avatar(appid, "nobody" + i, ip).status());

		// each lookup took its miss before its statement: 2 lookups, whatever the timing
		assertThat(statuses).filteredOn((status) -> status == 404).hasSize(2);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(14);
	}

	@Test
	void aMissAnsweredFromTheCacheSpendsAMissToo() {
		String appid = newApp();
		String ip = "192.0.2.48";
		// the first lookup reads the database, the next find the name cached as unknown
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response miss = avatar(appid, "nobody", ip);
			assertThat(miss.status()).isEqualTo(404);
			assertLimitHeaders(miss, 2, remaining);
		}
		assertThat(avatar(appid, "nobody", ip).status()).isEqualTo(429);
	}

	@Test
	void parallelMissesOfACachedNameNeverSpendMoreThanTheBudget() throws Exception {
		String appid = newApp();
		// the name is cached as unknown, by another client
		assertThat(avatar(appid, "nobody", "192.0.2.50").status()).isEqualTo(404);
		String ip = "192.0.2.49";
		List<Integer> statuses = inParallel(i -> avatar(appid, "nobody", ip).status());

		// each answer took its miss: 2 answers, whatever the timing
		assertThat(statuses).filteredOn((status) -> status == 404).hasSize(2);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(14);
	}

	/** The statuses of 16 requests sent at once, {@code request} given 0 to 15. */
	private static List<Integer> inParallel(IntFunction<Integer> request) throws Exception {
		List<Callable<Integer>> requests = IntStream.range(0, 16)
			.<Callable<Integer>>mapToObj((i) -> () -> request.apply(i))
			.toList();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> status : pool.invokeAll(requests)) {
				statuses.add(status.get());
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anIpv6ClientIsItsSlash64() {
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		// four addresses of one /64 (and the same written otherwise) share one budget of
		// 4
		for (String address : new String[] { "2001:db8:aa:1::1", "2001:db8:aa:1:ffff:ffff:ffff:ffff",
				"2001:0db8:00aa:0001::7", "[2001:db8:aa:1::8]" }) {
			assertThat(profile(target, address, null).status()).isEqualTo(200);
		}
		assertThat(profile(target, "2001:db8:aa:1:1234::9", null).status()).isEqualTo(429);
		// the next /64 is another client
		assertThat(profile(target, "2001:db8:aa:2::1", null).status()).isEqualTo(200);
	}

	private Response profile(String userId, String clientIp, String token) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return (token == null)
				? this.http.send("POST", PROFILE, body, "Content-Type", "application/json", "X-Forwarded-For", clientIp)
				: this.http.send("POST", PROFILE, body, "Content-Type", "application/json", "X-Forwarded-For", clientIp,
						"Authorization", "Bearer " + token);
	}

	private Response avatar(String appid, String user, String clientIp) {
		return this.http.get("/api/user/get_avatar?appid=" + appid + "&user=" + user, "X-Forwarded-For", clientIp);
	}

	@Test
	void theOwnProfileSpendsTheOwnersBudgetSharedWithTheCards() {
		String appid = newApp();
		String owner = newUser(appid, "owner", null).get("userId").stringValue();
		String key = token(owner);

		for (int remaining = 2; remaining >= 1; remaining--) {
			Response response = ownProfile("198.51.100." + (30 + remaining), key);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertLimitHeaders(response, 3, remaining);
		}
		assertThat(profile(owner, "198.51.100.33", key).status()).isEqualTo(200);
		Response refused = ownProfile("198.51.100.34", key);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertLimitHeaders(refused, 3, 0);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		String other = token(newUser(appid, "other", null).get("userId").stringValue());
		assertThat(ownProfile("198.51.100.34", other).status()).isEqualTo(200);
	}

	@Test
	void theOwnProfileWithoutAKeyIs401AndSpendsNothing() {
		String ip = "198.51.100.40";
		for (int i = 0; i < 10; i++) {
			Response refused = ownProfile(ip, null);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.header("X-RateLimit-Remaining")).isNull();
		}
		String target = newUser(newApp(), "target", null).get("userId").stringValue();
		Response anonymous = profile(target, ip, null);
		assertThat(anonymous.status()).isEqualTo(200);
		assertLimitHeaders(anonymous, 4, 3);
	}

	private Response ownProfile(String clientIp, String key) {
		return (key == null) ? this.http.send("POST", "/api/get-user-profile", null, "X-Forwarded-For", clientIp)
				: this.http.send("POST", "/api/get-user-profile", null, "X-Forwarded-For", clientIp, "Authorization",
						"Bearer " + key);
	}

	private String token(String userId) {
		return admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
	}

	private static void assertLimitHeaders(Response response, long limit, long remaining) {
		assertThat(response.header("X-RateLimit-Limit")).isEqualTo(Long.toString(limit));
		assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Long.toString(remaining));
		long reset = Long.parseLong(response.header("X-RateLimit-Reset"));
		long now = Instant.now().getEpochSecond();
		assertThat(reset).isBetween(now, now + 61);
	}

}

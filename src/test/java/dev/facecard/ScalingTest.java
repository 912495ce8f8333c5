package dev.facecard;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.facecard.support.TcpProxy;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import dev.facecard.support.TestPostgres;
import dev.facecard.support.TestRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances behind a load balancer: two application contexts on their own ports,
 * one PostgreSQL, one Redis (reached through a proxy the test can cut). Rate limits are
 * one budget across instances, a change made through one instance is served by the other
 * within the staleness bound, and losing Redis costs sharing, never an answer.
 */
class ScalingTest {

	private static final String ADMIN_TOKEN = "scaling-admin-token-0123456789";

	/**
	 * The documented staleness bound; changes reach the other instance well within it
	 * (LISTEN/NOTIFY).
	 */
	private static final Duration CACHE_TTL = Duration.ofSeconds(5);

	private static TcpProxy redis;

	private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private static Instance one;

	private static Instance two;

	@BeforeAll
	static void startTwoInstances() throws Exception {
		TestRedis.Server server = TestRedis.get();
		redis = new TcpProxy(server.host(), server.port());
		// a key prefix of this run's own: a shared local Redis may serve other runs at
		// the same time
		String keyPrefix = "facecard-test:" + UUID.randomUUID() + ":";
		one = start(keyPrefix);
		two = start(keyPrefix);
	}

	@AfterAll
	static void stop() throws Exception {
		contexts.forEach(ConfigurableApplicationContext::close);
		redis.close();
	}

	@Test
	void oneBudgetPerUserAcrossInstances() {
		Caller caller = newCaller();
		for (int i = 1; i <= 10; i++) {
			Instance instance = (i % 2 == 0) ? one : two;
			Response answer = instance.profile(caller);
			assertThat(answer.status()).as("request %d", i).isEqualTo(200);
			assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
		}
		assertThat(one.profile(caller).status()).isEqualTo(429);
		assertThat(two.profile(caller).status()).isEqualTo(429);
	}

	@Test
	void withoutRedisEachInstanceLimitsOnItsOwnAndSharesAgainWhenItIsBack() throws Exception {
		redis.cut();
		try {
			Caller caller = newCaller();
			for (Instance instance : List.of(one, two)) {
				for (int i = 1; i <= 10; i++) {
					assertThat(instance.profile(caller).status()).as("request %d", i).isEqualTo(200);
				}
				assertThat(instance.profile(caller).status()).isEqualTo(429);
			}
			// still ready: it serves, on per-instance limits, and says so
			Response readiness = one.http().get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.json().at("/components/rateLimitStore/status").stringValue()).isEqualTo("DEGRADED");
			// and so do its metrics, for the alert (ops/prometheus/facecard-rules.yml)
			assertThat(one.http().get("/actuator/prometheus").text())
				.contains("facecard_rate_limit_store_degraded{application=\"facecard\",store=\"redis\"} 1.0")
				.contains("facecard_readiness{application=\"facecard\"} 1.0");
		}
		finally {
			redis.restore();
		}
		for (Instance instance : List.of(one, two)) {
			await(() -> "UP"
				.equals(instance.http().get("/actuator/health/readiness").json().at("/status").stringValue()),
					Duration.ofSeconds(15));
		}
		assertThat(one.http().get("/actuator/prometheus").text())
			.contains("facecard_rate_limit_store_degraded{application=\"facecard\",store=\"redis\"} 0.0");
		Caller caller = newCaller();
		for (int i = 1; i <= 10; i++) {
			assertThat(((i % 2 == 0) ? one : two).profile(caller).status()).as("request %d", i).isEqualTo(200);
		}
		assertThat(one.profile(caller).status()).isEqualTo(429);
		assertThat(two.profile(caller).status()).isEqualTo(429);
	}

	@Test
	void aRedisThatHangsSlowsNoRequestForLongAndIsUsedAgainWhenItAnswers() throws Exception {
		Caller caller = newCaller();
		redis.stall();
		try {
			// the first request waits for a command timeout (250 ms, twice at most); then
			// one probe per interval
			for (int i = 1; i <= 12; i++) {
				Instance instance = (i % 2 == 0) ? one : two;
				long started = System.nanoTime();
				int status = instance.profile(caller).status();
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("request %d", i)
					.isLessThan(Duration.ofMillis(1500));
				assertThat(status).as("request %d", i).isIn(200, 429);
			}
		}
		finally {
			redis.restore();
		}
		for (Instance instance : List.of(one, two)) {
			await(() -> "UP"
				.equals(instance.http().get("/actuator/health/readiness").json().at("/status").stringValue()),
					Duration.ofSeconds(15));
		}
		Caller fresh = newCaller();
		for (int i = 1; i <= 10; i++) {
			assertThat(((i % 2 == 0) ? one : two).profile(fresh).status()).as("request %d", i).isEqualTo(200);
		}
		assertThat(one.profile(fresh).status()).isEqualTo(429);
	}

	@Test
	void anAvatarChangedThroughOneInstanceIsServedNewByTheOther() {
		String appid = one.newApp();
		String userId = one.newUser(appid, "13700137000");
		String avatar = "/api/user/get_avatar?appid=" + appid + "&user=13700137000";
		assertThat(one.uploadAvatar(userId, Color.RED).status()).isEqualTo(200);
		Response first = two.http().get(avatar);
		assertThat(first.status()).isEqualTo(200);
		// now cached on two
		assertThat(two.http().get(avatar).header("ETag")).isEqualTo(first.header("ETag"));

		assertThat(one.uploadAvatar(userId, Color.BLUE).status()).isEqualTo(200);
		long start = System.nanoTime();
		await(() -> !first.header("ETag").equals(two.http().get(avatar).header("ETag")), CACHE_TTL);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Color served = new Color(TestImages.decode(two.http().get(avatar).body()).getRGB(10, 10));
		assertThat(served.getBlue()).isGreaterThan(200);
		assertThat(served.getRed()).isLessThan(50);
		// relayed, not waited out: the cache on two was fresh when the change was made
		assertThat(took).isLessThan(CACHE_TTL.dividedBy(2));
	}

	@Test
	void aKeyRevokedOrAUserBannedThroughOneInstanceStopsWorkingOnTheOther() {
		String appid = one.newApp();
		String userId = one.newUser(appid, "revokee");
		Response issued = one.admin("POST", "/admin/users/" + userId + "/api-keys", null);
		String token = issued.json().get("token").stringValue();
		// cached as valid on two
		assertThat(two.profile(token, userId).status()).isEqualTo(200);
		assertThat(one.admin("DELETE", "/admin/api-keys/" + issued.json().get("id").stringValue(), null).status())
			.isEqualTo(204);
		await(() -> two.profile(token, userId).status() == 401, CACHE_TTL.dividedBy(2));

		String bannedId = one.newUser(appid, "bannee");
		assertThat(two.profile(null, bannedId).status()).isEqualTo(200);
		assertThat(one.admin("PATCH", "/admin/users/" + bannedId, "{\"banned\":true}").status()).isEqualTo(200);
		await(() -> two.profile(null, bannedId).status() == 404, CACHE_TTL.dividedBy(2));
	}

	@Test
	void anAppCredentialRevokedThroughOneInstanceStopsWorkingOnTheOther() {
		String appid = one.newApp();
		String userId = one.newUser(appid, "reached");
		Response issued = one.admin("POST", "/admin/apps/" + appid + "/credentials", null);
		String credential = issued.json().get("token").stringValue();
		// cached as valid on two
		assertThat(two.as(credential, "GET", "/admin/users/" + userId).status()).isEqualTo(200);
		assertThat(one
			.admin("DELETE", "/admin/apps/" + appid + "/credentials/" + issued.json().get("id").stringValue(), null)
			.status()).isEqualTo(204);
		await(() -> two.as(credential, "GET", "/admin/users/" + userId).status() == 401, CACHE_TTL.dividedBy(2));
	}

	/**
	 * A new user and its API key: the profile requests below ask for the caller's own
	 * card.
	 */
	private static Caller newCaller() {
		String appid = one.newApp();
		String userId = one.newUser(appid, "limited");
		return new Caller(userId,
				one.admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue());
	}

	private record Caller(String userId, String token) {
	}

	/** Polls often: how soon a change arrives is part of what is asserted. */
	private static void await(Callable<Boolean> condition, Duration timeout) {
		Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition);
	}

	private static Instance start(String keyPrefix) {
		TestPostgres.Database database = TestPostgres.get();
		// as command-line arguments: they win over application.yml, as an operator's
		// would
		ConfigurableApplicationContext context = new SpringApplicationBuilder(FacecardApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redis.port(), "--facecard.admin-token=" + ADMIN_TOKEN,
				"--facecard.demo-data=false", "--facecard.cache.ttl=" + CACHE_TTL.toSeconds() + "s",
				"--facecard.rate-limit.store=redis", "--facecard.rate-limit.redis-key-prefix=" + keyPrefix,
				"--facecard.rate-limit.redis-retry-interval=200ms", "--facecard.rate-limit.authenticated.limit=10",
				"--facecard.rate-limit.anonymous.limit=1000000", "--spring.main.banner-mode=off",
				"--spring.datasource.hikari.maximum-pool-size=4");
		contexts.add(context);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new Instance(new TestHttp(port));
	}

	private record Instance(TestHttp http) {

		Response admin(String method, String path, String json) {
			return this.http.send(method, path, (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null,
					"Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
		}

		Response as(String bearer, String method, String path) {
			return this.http.send(method, path, null, "Authorization", "Bearer " + bearer);
		}

		String newApp() {
			String appid = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			assertThat(admin("POST", "/admin/apps", "{\"appid\":\"" + appid + "\",\"name\":\"Scaling\"}").status())
				.isEqualTo(201);
			return appid;
		}

		String newUser(String appid, String username) {
			Response created = admin("POST", "/admin/users",
					"{\"appid\":\"" + appid + "\",\"username\":\"" + username + "\"}");
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			return created.json().get("userId").stringValue();
		}

		Response uploadAvatar(String userId, Color color) {
			byte[] png = TestImages.encode(TestImages.halves(64, 64, color, color), "png");
			return this.http.send("PUT", "/admin/users/" + userId + "/avatar", png, "Authorization",
					"Bearer " + ADMIN_TOKEN, "Content-Type", "image/png");
		}

		Response profile(Caller caller) {
			return profile(caller.token(), caller.userId());
		}

		Response profile(String token, String userId) {
			byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
			return (token == null)
					? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
					: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
							"Authorization", "Bearer " + token);
		}

	}

}

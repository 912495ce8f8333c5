package dev.facecard.avatar;

import java.awt.Color;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import dev.facecard.support.HttpIntegrationTest;
import dev.facecard.support.TcpProxy;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import dev.facecard.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.facecard.support.ApiAssertions.assertSeedError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage (README, Performance): with PostgreSQL cut off (through a proxy, no
 * mocks) get_avatar answers 503 in the nobase contract's format within 2 s, the profile
 * endpoints and the admin API answer problem+json 503, readiness is DOWN, and all recover
 * when the database is back, without a restart.
 */
class DatabaseOutageTest extends HttpIntegrationTest {

	private static TcpProxy proxy;

	@DynamicPropertySource
	static void throughProxy(DynamicPropertyRegistry registry) throws Exception {
		URI database = URI.create(TestPostgres.get().url().substring("jdbc:".length()));
		proxy = new TcpProxy(database.getHost(), database.getPort());
		String viaProxy = TestPostgres.get().url().replace(":" + database.getPort() + "/", ":" + proxy.port() + "/");
		registry.add("spring.datasource.url", () -> viaProxy);
		registry.add("spring.datasource.username", TestPostgres.get()::username);
		registry.add("spring.datasource.password", TestPostgres.get()::password);
	}

	@AfterAll
	static void stopProxy() throws Exception {
		proxy.close();
	}

	@Test
	void refusedConnectionsAre503WithinTwoSecondsAndRecoverByThemselves() throws Exception {
		outageIs503WithinTwoSecondsAndRecoversByItself(TcpProxy::cut);
	}

	@Test
	void aSilentNetworkIs503WithinTwoSecondsAndRecoversByItself() throws Exception {
		outageIs503WithinTwoSecondsAndRecoversByItself(TcpProxy::stall);
	}

	interface Outage {

		void start(TcpProxy proxy) throws Exception;

	}

	private void outageIs503WithinTwoSecondsAndRecoversByItself(Outage outage) throws Exception {
		String appid = newApp();
		String userId = newUser(appid, "13800138000", null).get("userId").stringValue();
		uploadAvatar(userId, "image/png", TestImages.encode(TestImages.halves(40, 40, Color.RED, Color.BLUE), "png"));
		String avatar = AvatarEndpointTest.avatarUrl(appid, "13800138000");

		String uncached = AvatarEndpointTest.avatarUrl(appid, "13900139000");
		String uncachedCard = newUser(appid, "13700137000", null).get("userId").stringValue();
		// never used before the outage: checking it needs the database
		String token = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		String credential = admin("POST", "/admin/apps/" + appid + "/credentials", null).json()
			.get("token")
			.stringValue();
		// the avatar is looked up while changes are heard, as on a running instance (a
		// lookup made before the listening session begins would be retired when it does,
		// outage or not), right before the outage
		await().atMost(Duration.ofSeconds(20)).until(this.trust::hearsEveryChange);
		assertThat(this.http.get(avatar).status()).isEqualTo(200);
		assertThat(this.trust.hearsEveryChange()).isTrue();
		outage.start(proxy);
		try {
			// what is cached keeps being served through the outage, until half of
			// facecard.cache.ttl after the last round trip of the listening connection
			// (README, Performance), whether it falls silent or fails
			assertThat(this.http.get(avatar).status()).isEqualTo(200);
			long started = System.nanoTime();
			Response unavailable = this.http.get(uncached);
			long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

			assertSeedError(unavailable, 503, 503, "服务暂不可用");
			assertThat(elapsedMillis).as("answered within 2 s").isLessThan(2000);
			started = System.nanoTime();
			Response admin = admin("GET", "/admin/users/" + userId, null);
			assertThat((System.nanoTime() - started) / 1_000_000).as("admin answered within 2 s").isLessThan(2000);
			assertThat(admin.status()).isEqualTo(503);
			assertThat(admin.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(admin.text()).doesNotContain("Exception").doesNotContain("SQL").doesNotContain("jdbc");

			assertUnavailableWithinTwoSeconds(() -> profile(uncachedCard));
			assertUnavailableWithinTwoSeconds(
					() -> this.http.get("/admin/users/" + userId, "Authorization", "Bearer " + credential));
			assertUnavailableWithinTwoSeconds(
					() -> this.http.send("POST", "/api/get-user-profile", null, "Authorization", "Bearer " + token));
			assertUnavailableWithinTwoSeconds(() -> this.http.send("POST", "/api/get-public-user-profile",
					("{\"userId\":\"" + userId + "\"}").getBytes(), "Content-Type", "application/json", "Authorization",
					"Bearer " + token));
			started = System.nanoTime();
			Response avatarWithToken = this.http.get(avatar, "Authorization", "Bearer " + token);
			assertThat((System.nanoTime() - started) / 1_000_000).as("answered within 2 s").isLessThan(2000);
			assertSeedError(avatarWithToken, 503, 503, "服务暂不可用");
			assertUnavailableWithinTwoSeconds(
					() -> this.http.get("/api/get-public-user-profile?userId=" + uncachedCard));
			assertUnavailableWithinTwoSeconds(() -> this.http.send("POST", "/api/get-public-user-profiles",
					("{\"userIds\":[\"" + uncachedCard + "\"]}").getBytes(), "Content-Type", "application/json"));

			started = System.nanoTime();
			Response readiness = this.http.get("/actuator/health/readiness");
			assertThat((System.nanoTime() - started) / 1_000_000).as("readiness within 2 s").isLessThan(2000);
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.json().at("/status").stringValue()).isEqualTo("DOWN");
			assertThat(readiness.json().at("/components/db/status").stringValue()).isEqualTo("DOWN");
			// what the readiness alert reads (ops/prometheus/facecard-rules.yml)
			assertThat(this.http.get("/actuator/prometheus").text())
				.contains("facecard_readiness{application=\"facecard\"} 0.0");
			// not dead, just not ready: an orchestrator must not restart it for a
			// database outage
			assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
		}
		finally {
			proxy.restore();
		}

		// a pooled connection that died with the outage may fail one more request; then
		// the pool is renewed. Hikari retries creating connections with a backoff that
		// doubles up to 5 s: an outage of over 10 s (the scrape above adds one health
		// check's second) may take that long to end after the database is back
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin("GET", "/admin/users/" + userId, null).status() == 200);
		assertThat(this.http.get(avatar).status()).isEqualTo(200);
		assertSeedError(this.http.get(uncached), 404, 404, "用户不存在");
		assertThat(profile(userId).status()).isEqualTo(200);
		assertThat(profile(uncachedCard).status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/prometheus").text())
			.contains("facecard_readiness{application=\"facecard\"} 1.0");
	}

	private Response profile(String userId) {
		return this.http.send("POST", "/api/get-public-user-profile", ("{\"userId\":\"" + userId + "\"}").getBytes(),
				"Content-Type", "application/json");
	}

	private static void assertUnavailableWithinTwoSeconds(Supplier<Response> request) {
		long started = System.nanoTime();
		Response answer = request.get();
		assertThat((System.nanoTime() - started) / 1_000_000).as("answered within 2 s").isLessThan(2000);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.text()).doesNotContain("Exception").doesNotContain("SQL").doesNotContain("jdbc");
	}

}

package dev.facecard.shared.web;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What ops see: Prometheus metrics (requests under Spring Boot's name, Facecard's own
 * under {@code facecard.}), no Actuator endpoint but health and prometheus, a request id
 * on every answer and every log line of its request, and no username, token or admin
 * token in any log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends LimitedIntegrationTest {

	private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);

	@Test
	void prometheusShowsRequestsCachesRateLimitsAndUploadsAfterTraffic() {
		avatarTraffic("198.51.100.5", "198.51.100.7");

		Response scrape = this.http.get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		String metrics = scrape.text();
		assertThat(value(metrics, "http_server_requests_seconds_count", "uri", "/api/user/get_avatar", "status", "200",
				"outcome", "SUCCESS", "method", "GET", "exception", "none", "application", "facecard"))
			.isGreaterThanOrEqualTo(2);
		assertThat(value(metrics, "http_server_requests_seconds_count", "uri", "/api/user/get_avatar", "status", "429",
				"outcome", "CLIENT_ERROR"))
			.isGreaterThanOrEqualTo(1);
		// the exception an error handler answered
		assertThat(value(metrics, "http_server_requests_seconds_count", "uri", "/admin/users/{userId}/avatar", "status",
				"400", "exception", "InvalidImageException"))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "http_server_requests_seconds_max", "uri", "/api/user/get_avatar", "status", "200"))
			.isGreaterThan(0);
		// the buckets are off unless asked for (OperationsMetricsTest)
		assertThat(metrics).doesNotContain("http_server_requests_seconds_bucket").doesNotContain("facecard_http_");
		assertThat(value(metrics, "facecard_cache_gets_total", "cache", "avatar.refs", "result", "hit"))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "facecard_cache_gets_total", "cache", "avatar.refs", "result", "miss"))
			.isGreaterThanOrEqualTo(1);
		assertThat(metrics).contains("facecard_cache_gets_total{application=\"facecard\",cache=\"profile.cards\"")
			.contains("facecard_cache_gets_total{application=\"facecard\",cache=\"api-key.owners\"");
		assertThat(value(metrics, "facecard_rate_limit_rejections_total", "limit", "avatar-misses"))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "facecard_avatar_uploads_total", "outcome", "stored")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "facecard_avatar_uploads_total", "outcome", "refused-invalid"))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void onlyHealthAndPrometheusOfActuatorAreReachable() {
		assertThat(this.http.get("/actuator/health").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/readiness").json().at("/components/db/status").stringValue())
			.isEqualTo("UP");
		for (String endpoint : List.of("", "/env", "/beans", "/metrics", "/configprops", "/mappings", "/loggers",
				"/heapdump", "/threaddump", "/info", "/conditions", "/scheduledtasks", "/caches", "/sbom")) {
			assertThat(this.http.get("/actuator" + endpoint).status()).as("/actuator" + endpoint).isEqualTo(404);
		}
		assertThat(this.http.send("POST", "/actuator/shutdown", null).status()).isIn(404, 405);
	}

	@Test
	void everyAnswerCarriesARequestIdAndASaneIncomingOneIsKept() {
		assertThat(this.http.get("/api/get-public-user-profile?userId=x", "X-Request-Id", "lb-7f3a.42:1")
			.header("X-Request-Id")).isEqualTo("lb-7f3a.42:1");
		// an avatar a shared cache keeps never echoes what one client sent
		assertThat(this.http.get("/api/user/get_avatar?appid=x&user=y&default=mp", "X-Request-Id", "lb-7f3a.42:1")
			.header("X-Request-Id")).matches("[0-9a-f]{16}");
		for (String insane : List.of("a".repeat(65), "a b", "<script>", "id;drop")) {
			assertThat(this.http.get("/actuator/health", "X-Request-Id", insane).header("X-Request-Id")).as(insane)
				.matches("[0-9a-f]{16}");
		}
		String first = this.http.get("/api/user/get_avatar?appid=x&user=y").header("X-Request-Id");
		String second = this.http.get("/api/user/get_avatar?appid=x&user=y").header("X-Request-Id");
		assertThat(first).matches("[0-9a-f]{16}").isNotEqualTo(second);
		// answers written by filters and error paths too
		assertThat(this.http.get("/admin/users").header("X-Request-Id")).isNotBlank();
		assertThat(this.http.get("/no/such/page").header("X-Request-Id")).isNotBlank();
		assertThat(this.http
			.send("POST", "/api/get-public-user-profile", "{".getBytes(), "Content-Type", "application/json")
			.header("X-Request-Id")).isNotBlank();
	}

	@Test
	void aRequestsLogLinesCarryItsIdButNoUsernameOrToken(CapturedOutput output) {
		String appid = newApp();
		String userId = newUser(appid, "13866667777", null).get("userId").stringValue();
		byte[] png = TestImages.encode(TestImages.halves(16, 16, Color.GREEN, Color.GREEN), "png");
		assertThat(uploadAvatar(userId, "image/png", png).status()).isEqualTo(200);
		String token = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();

		Response hit = this.http.get("/api/user/get_avatar?appid=" + appid + "&user=13866667777", "X-Forwarded-For",
				"203.0.113.8");
		assertThat(hit.status()).isEqualTo(200);
		Response miss = this.http.get("/api/user/get_avatar?appid=" + appid + "&user=13855554444", "X-Forwarded-For",
				"203.0.113.9");
		assertThat(miss.status()).isEqualTo(404);
		assertThat(this.http
			.send("POST", "/api/get-public-user-profile",
					("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type",
					"application/json", "Authorization", "Bearer " + token, "X-Request-Id", "card-1")
			.status()).isEqualTo(200);
		assertThat(this.http
			.get("/admin/users/" + userId, "Authorization", "Bearer wrong-admin-token", "X-Request-Id", "admin-1")
			.status()).isEqualTo(401);

		// a duplicate username: PostgreSQL's error detail would name it
		assertThat(admin("POST", "/admin/users", "{\"appid\":\"" + appid + "\",\"username\":\"13866667777\"}").status())
			.isEqualTo(409);
		String other = newUser(appid, "13833332222", null).get("userId").stringValue();
		assertThat(admin("PATCH", "/admin/users/" + other, "{\"username\":\"13866667777\"}").status()).isEqualTo(409);

		awaitLine(output, hit.header("X-Request-Id"), "GET /api/user/get_avatar 200");
		awaitLine(output, miss.header("X-Request-Id"), "GET /api/user/get_avatar 404");
		awaitLine(output, "card-1", "POST /api/get-public-user-profile 200");
		// refused before routing: its API, never the path
		awaitLine(output, "admin-1", "GET /admin/** 401");
		assertThat(output.getAll()).doesNotContain("13866667777")
			.doesNotContain("13833332222")
			.doesNotContain("13855554444")
			.doesNotContain(token)
			.doesNotContain(ADMIN_TOKEN)
			.doesNotContain("wrong-admin-token");
	}

	/**
	 * The access-log line is written once the answer is sent, so it may trail the
	 * response a little.
	 */
	private static void awaitLine(CapturedOutput output, String requestId, String accessLogText) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> lines(output, requestId).stream().anyMatch(line -> line.contains(accessLogText)));
	}

	private static List<String> lines(CapturedOutput output, String requestId) {
		return Arrays.stream(output.getAll().split("\n")).filter(line -> line.contains("[" + requestId + "]")).toList();
	}

	/**
	 * The value of the sample of {@code name} whose labels include all of {@code labels}
	 * (name, value, ...).
	 */
	private static double value(String metrics, String name, String... labels) {
		Matcher sample = SAMPLE.matcher(metrics);
		while (sample.find()) {
			if (sample.group(1).equals(name) && hasLabels(sample.group(2), labels)) {
				return Double.parseDouble(sample.group(3));
			}
		}
		throw new AssertionError("no sample " + name + " " + Arrays.toString(labels) + " in\n" + metrics);
	}

	private static boolean hasLabels(String labelText, String... labels) {
		for (int i = 0; i < labels.length; i += 2) {
			if (!labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
				return false;
			}
		}
		return true;
	}

}

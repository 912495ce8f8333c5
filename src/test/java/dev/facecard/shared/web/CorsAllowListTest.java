package dev.facecard.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code facecard.cors.allowed-origins} as a list: only those origins' pages may read the
 * answers.
 */
@TestPropertySource(properties = { "facecard.cors.allowed-origins=https://shop.example, http://localhost:3000",
		"facecard.rate-limit.authenticated.limit=2" })
class CorsAllowListTest extends IntegrationTest {

	private static final String PROFILE = "/api/get-public-user-profile";

	@Test
	void aListedOriginIsEchoedAndOthersGetTheAnswerWithoutCorsHeaders() {
		String userId = newUser(newApp(), "listed", null).get("userId").stringValue();

		Response listed = profile(userId, "http://localhost:3000", null);
		Response other = profile(userId, "https://evil.example", null);

		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
		assertThat(listed.headerValues("Vary")).contains("Origin");
		// served as to anyone (a server-side client may send any Origin); the browser
		// keeps it from the page
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.json()).isEqualTo(listed.json());
		assertThat(other.header("Access-Control-Allow-Origin")).isNull();
		assertThat(other.header("Access-Control-Expose-Headers")).isNull();
	}

	@Test
	void aPreflightFromAnotherOriginIsRefused() {
		Response listed = preflight("https://shop.example");
		Response other = preflight("https://shop.example.evil.example");

		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
		assertProblem(other, 403);
		assertThat(other.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void theGatesRateLimitRefusalCarriesCorsAndExposesRetryAfter() {
		String appid = newApp();
		String userId = newUser(appid, "owner", null).get("userId").stringValue();
		String token = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		for (int i = 0; i < 3; i++) {
			assertThat(preflight("https://shop.example").status()).isEqualTo(200); // free
		}
		assertThat(profile(userId, "https://shop.example", token).status()).isEqualTo(200);
		assertThat(profile(userId, "https://shop.example", token).status()).isEqualTo(200);

		Response refused = profile(userId, "https://shop.example", token);

		assertProblem(refused, 429);
		assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
		assertThat(CrossOriginTest.list(refused, "Access-Control-Expose-Headers")).contains("Retry-After",
				"X-RateLimit-Remaining");
		assertThat(refused.header("Retry-After")).isNotNull();
	}

	@Test
	void originsMustBeOriginsOrTheWildcard() {
		for (String bad : new String[] { "shop.example", "https://shop.example/path", "https://*.example", "" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new FacecardProperties.Cors(List.of(bad)));
		}
		assertThat(new FacecardProperties.Cors(List.of("*", "https://a.example:8443")).allowedOrigins()).hasSize(2);
	}

	private Response profile(String userId, String origin, String token) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return (token == null)
				? this.http.send("POST", PROFILE, body, "Origin", origin, "Content-Type", "application/json")
				: this.http.send("POST", PROFILE, body, "Origin", origin, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
	}

	private Response preflight(String origin) {
		return this.http.send("OPTIONS", PROFILE, null, "Origin", origin, "Access-Control-Request-Method", "POST",
				"Access-Control-Request-Headers", "authorization,content-type");
	}

}

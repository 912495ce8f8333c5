package dev.facecard.shared.web;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static dev.facecard.support.ApiAssertions.assertSeedError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What browsers see with the default {@code facecard.cors.allowed-origins=*}: CORS on
 * every {@code /api/**} answer (the gate's 401 included), preflights answered before the
 * gate, and the headers of every answer.
 */
class CrossOriginTest extends IntegrationTest {

	static final String ORIGIN = "http://pages.example";

	private static final String PROFILE = "/api/get-public-user-profile";

	private String appid;

	private String username;

	private String userId;

	private String token;

	@BeforeEach
	void userWithAvatarAndToken() {
		this.appid = newApp();
		this.username = "138" + System.nanoTime() % 100_000_000;
		this.userId = newUser(this.appid, this.username, "\"nickname\":\"Cross\"").get("userId").stringValue();
		Response upload = uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.halves(64, 64, Color.RED, Color.BLUE), "png"));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		this.token = admin("POST", "/admin/users/" + this.userId + "/api-keys", null).json().get("token").stringValue();
	}

	@Test
	void preflightAllowsAuthorizationAndContentTypeWithoutTokenOrBudget() {
		int before = remaining(profile(this.token));

		Response preflight = preflight(PROFILE, "POST", "authorization,content-type");
		preflight(PROFILE, "POST", "authorization,content-type");
		preflight(PROFILE, "POST", "authorization,content-type");

		assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
		assertThat(preflight.body()).isEmpty();
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(list(preflight, "Access-Control-Allow-Methods")).contains("GET", "HEAD", "POST");
		assertThat(list(preflight, "Access-Control-Allow-Headers")).containsExactlyInAnyOrder("authorization",
				"content-type");
		assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
		// the gate never saw them: no limit headers, and the owner's budget went down by
		// one request only
		assertThat(preflight.header("X-RateLimit-Remaining")).isNull();
		assertThat(remaining(profile(this.token))).isEqualTo(before - 1);
	}

	@Test
	void preflightForAnotherMethodOrHeaderIsRefusedWithoutCorsHeaders() {
		Response header = preflight(PROFILE, "POST", "x-custom");
		Response method = preflight(PROFILE, "DELETE", "authorization");

		assertProblem(header, 403);
		assertProblem(method, 403);
		assertThat(header.header("Access-Control-Allow-Origin")).isNull();
		assertThat(method.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void crossOriginAnswersExposeTheRateLimitHeadersAndNoCredentials() {
		Response response = profile(this.token);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("nickname").stringValue()).isEqualTo("Cross");
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
		assertThat(list(response, "Access-Control-Expose-Headers")).contains("X-RateLimit-Limit",
				"X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "ETag");
		assertThat(response.headerValues("Vary")).contains("Origin");
	}

	@Test
	void answersWithoutAnOriginHaveNoCorsHeaders() {
		Response response = this.http.send("POST", PROFILE, body(), "Content-Type", "application/json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void theGatesRefusalOfABadTokenCarriesCorsToo() {
		Response refused = this.http.send("POST", PROFILE, body(), "Origin", ORIGIN, "Content-Type", "application/json",
				"Authorization", "Bearer fc_not-a-real-key");

		assertProblem(refused, 401);
		assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("*");
	}

	@Test
	void theGetFormVariesByOriginAndAuthorization() {
		Response response = this.http.get(PROFILE + "?userId=" + this.userId, "Origin", ORIGIN);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.headerValues("Vary")).contains("Origin", "Authorization");
	}

	@Test
	void avatarsAndTheirErrorsMayBeEmbeddedAnywhere() {
		Response image = this.http.get(avatar(this.username), "Origin", ORIGIN);
		Response missing = this.http.get(avatar("nobody"), "Origin", ORIGIN);
		Response invalid = this.http.get("/api/user/get_avatar?appid=" + this.appid, "Origin", ORIGIN);
		String avatarUrl = profile(null).json().get("avatarUrl").stringValue();
		Response byHash = this.http.get(avatarUrl.substring(avatarUrl.indexOf("/avatars/")));
		Response unknownHash = this.http.get("/avatars/" + "0".repeat(64) + ".jpg");

		assertThat(image.status()).isEqualTo(200);
		assertThat(image.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertSeedError(missing, 404, 404, "用户不存在");
		assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertSeedError(invalid, 400, 204, "接口参数错误");
		assertThat(byHash.status()).isEqualTo(200);
		assertThat(byHash.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(unknownHash.status()).isEqualTo(404);
		for (Response response : List.of(image, missing, invalid, byHash, unknownHash)) {
			assertThat(response.header("Cross-Origin-Resource-Policy")).as(response.toString())
				.isEqualTo("cross-origin");
			assertThat(response.header("X-Content-Type-Options")).as(response.toString()).isEqualTo("nosniff");
		}
	}

	@Test
	void everyAnswerIsNosniffWithoutServerVersion() {
		List<Response> answers = List.of(profile(null), this.http.get(PROFILE + "?userId=nobody_here"),
				this.http.send("POST", PROFILE, "{".getBytes(StandardCharsets.UTF_8), "Content-Type",
						"application/json"),
				this.http.get("/api/no-such-endpoint"), this.http.get("/no-such-page"), this.http.get("/admin/apps"),
				admin("GET", "/admin/users/nobody_here", null), this.http.get("/actuator/health"),
				this.http.get("/v3/api-docs"), preflight(PROFILE, "POST", "x-custom"),
				this.http.rawGet("/api/user/get_avatar?appid=%zz&user=x"));

		assertThat(answers).extracting(Response::status).contains(200, 400, 401, 403, 404);
		for (Response response : answers) {
			assertThat(response.header("X-Content-Type-Options")).as(response.toString()).isEqualTo("nosniff");
			assertThat(response.header("Server")).as(response.toString()).isNull();
			assertThat(response.text()).as(response.toString()).doesNotContainIgnoringCase("tomcat");
		}
		// only avatars claim to be embeddable
		assertThat(profile(null).header("Cross-Origin-Resource-Policy")).isNull();
	}

	private Response profile(String token) {
		Response response = (token == null)
				? this.http.send("POST", PROFILE, body(), "Origin", ORIGIN, "Content-Type", "application/json")
				: this.http.send("POST", PROFILE, body(), "Origin", ORIGIN, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private byte[] body() {
		return ("{\"userId\":\"" + this.userId + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	private Response preflight(String path, String method, String headers) {
		return this.http.send("OPTIONS", path, null, "Origin", ORIGIN, "Access-Control-Request-Method", method,
				"Access-Control-Request-Headers", headers);
	}

	private String avatar(String user) {
		return "/api/user/get_avatar?appid=" + this.appid + "&user=" + user;
	}

	private static int remaining(Response response) {
		return Integer.parseInt(response.header("X-RateLimit-Remaining"));
	}

	/** A comma-separated header's values, over all its lines. */
	static List<String> list(Response response, String name) {
		return response.headerValues(name)
			.stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::trim)
			.toList();
	}

}

package dev.facecard.profile;

import java.nio.charset.StandardCharsets;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cacheable GET form (README, "Try it"):
 * {@code GET /api/get-public-user-profile?userId=…}.
 */
class ProfileGetFormTest extends IntegrationTest {

	private String target;

	private String token;

	@BeforeEach
	void users() {
		String appid = newApp();
		this.target = newUser(appid, "target", "\"nickname\":\"GET me\"").get("userId").stringValue();
		String viewer = newUser(appid, "viewer", null).get("userId").stringValue();
		admin("PUT", "/admin/users/" + viewer + "/following/" + this.target, null);
		this.token = admin("POST", "/admin/users/" + viewer + "/api-keys", null).json().get("token").stringValue();
	}

	@Test
	void theGetFormEqualsThePostWithAndWithoutAToken() {
		Response anonymous = get(null);
		Response withToken = get(this.token);

		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.header("Content-Type")).startsWith("application/json");
		assertThat(anonymous.json()).isEqualTo(post(null).json());
		assertThat(withToken.json()).isEqualTo(post(this.token).json());
		assertThat(withToken.json().get("isFollowing").booleanValue()).isTrue();
	}

	@Test
	void itCarriesAStrongEtagVaryAndPublicOrPrivateCaching() {
		Response anonymous = get(null);
		Response withToken = get(this.token);

		assertThat(anonymous.header("ETag")).matches("\"[0-9a-f]{32}\"");
		assertThat(withToken.header("ETag")).startsWith("\"").isNotEqualTo(anonymous.header("ETag"));
		assertThat(anonymous.headerValues("Vary")).contains("Authorization");
		// facecard.public-base-url is unset here: avatarUrl follows the request's Host,
		// so no shared cache may keep the card (ProfileCachingByHostTest has the public
		// case)
		assertThat(anonymous.header("Cache-Control")).isEqualTo("max-age=30, private");
		assertThat(withToken.header("Cache-Control")).isEqualTo("max-age=30, private");
	}

	@Test
	void aMatchingIfNoneMatchIs304AndAChangeIsNot() {
		String etag = get(null).header("ETag");

		Response notModified = this.http.get("/api/get-public-user-profile?userId=" + this.target, "If-None-Match",
				etag);
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.header("ETag")).isEqualTo(etag);

		admin("PATCH", "/admin/users/" + this.target, "{\"nickname\":\"Changed\"}");
		Response changed = this.http.get("/api/get-public-user-profile?userId=" + this.target, "If-None-Match", etag);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("nickname").stringValue()).isEqualTo("Changed");
	}

	@Test
	void missingBlankOrLongUserIdsAre400AndUnknownOnes404() {
		assertProblem(this.http.get("/api/get-public-user-profile"), 400);
		assertProblem(this.http.get("/api/get-public-user-profile?userId="), 400);
		assertProblem(this.http.get("/api/get-public-user-profile?userId=" + "u".repeat(65)), 400);
		assertProblem(this.http.get("/api/get-public-user-profile?userId=a&userId=b"), 400);
		assertProblem(this.http.get("/api/get-public-user-profile?userId=nobody_here"), 404);
	}

	private Response get(String token) {
		String url = "/api/get-public-user-profile?userId=" + this.target;
		return (token == null) ? this.http.get(url) : this.http.get(url, "Authorization", "Bearer " + token);
	}

	private Response post(String token) {
		byte[] body = ("{\"userId\":\"" + this.target + "\"}").getBytes(StandardCharsets.UTF_8);
		return (token == null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
	}

}

package dev.facecard.avatar;

import java.awt.Color;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.facecard.support.ApiAssertions.assertSeedError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nobase contract's get_avatar and the content-addressed avatars, case by case, over
 * HTTP on PostgreSQL.
 */
class AvatarEndpointTest extends IntegrationTest {

	private String appid;

	private String username;

	private String userId;

	private byte[] storedJpeg;

	@BeforeEach
	void userWithAvatar() {
		this.appid = newApp();
		this.username = "138" + System.nanoTime() % 100_000_000;
		this.userId = newUser(this.appid, this.username, null).get("userId").stringValue();
		Response upload = uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.halves(300, 200, Color.RED, Color.BLUE), "png"));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		this.storedJpeg = this.http.get(avatarUrl(this.appid, this.username)).body();
	}

	@Test
	void foundAnswersJpegBytesWithCachingHeaders() {
		Response response = this.http.get(avatarUrl(this.appid, this.username));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(response.body()).startsWith(0xFF, 0xD8, 0xFF);
		assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
		assertThat(response.header("ETag")).matches("\"[0-9a-f]{64}\"");
		assertThat(response.header("Last-Modified")).endsWith("GMT");
		assertThat(response.header("Cache-Control")).contains("public").contains("max-age=300");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(TestImages.decode(response.body()).getWidth()).isEqualTo(300);
	}

	@Test
	void headAnswersTheHeadersOfGetWithoutBody() {
		Response get = this.http.get(avatarUrl(this.appid, this.username));
		Response head = this.http.head(avatarUrl(this.appid, this.username));

		assertThat(head.status()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		assertThat(head.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
		assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
		assertThat(head.header("Last-Modified")).isEqualTo(get.header("Last-Modified"));
	}

	@Test
	void matchingIfNoneMatchGives304WithoutBody() {
		Response first = this.http.get(avatarUrl(this.appid, this.username));
		Response second = this.http.get(avatarUrl(this.appid, this.username), "If-None-Match", first.header("ETag"));

		assertThat(second.status()).isEqualTo(304);
		assertThat(second.body()).isEmpty();
		assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));

		Response other = this.http.get(avatarUrl(this.appid, this.username), "If-None-Match", "\"somethingelse\"");
		assertThat(other.status()).isEqualTo(200);
	}

	@Test
	void matchingIfModifiedSinceGives304WithoutBody() {
		Response first = this.http.get(avatarUrl(this.appid, this.username));
		Response second = this.http.get(avatarUrl(this.appid, this.username), "If-Modified-Since",
				first.header("Last-Modified"));

		assertThat(second.status()).isEqualTo(304);
		assertThat(second.body()).isEmpty();

		Response older = this.http.get(avatarUrl(this.appid, this.username), "If-Modified-Since",
				"Sat, 01 Jan 2000 00:00:00 GMT");
		assertThat(older.status()).isEqualTo(200);
	}

	@Test
	void anotherAvatarIsModifiedEvenWhenItsContentIsOlder() {
		String oldEtag = this.http.get(avatarUrl(this.appid, this.username)).header("ETag");
		assertThat(uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.halves(300, 200, Color.GREEN, Color.BLUE), "png"))
			.status()).isEqualTo(200);

		Response changed = this.http.get(avatarUrl(this.appid, this.username), "If-None-Match", oldEtag);

		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.header("ETag")).isNotEqualTo(oldEtag);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "?appid=APP", "?user=USER", "?appid=&user=USER", "?appid=APP&user=",
			"?appid=%20%20&user=USER", "?appid=APP&user=%09", "?appid=APP&user=USER&user=USER",
			"?appid=APP&appid=APP&user=USER", "?appid=APP&user=LONG", "?appid=APP&user=%ZZ", "?appid=APP&user=%E4",
			"?appid=%C3%28&user=USER" })
	void missingBlankRepeatedOrLongParametersAre400Code204(String query) {
		String path = "/api/user/get_avatar"
				+ query.replace("APP", this.appid).replace("USER", this.username).replace("LONG", "x".repeat(65));

		assertSeedError(this.http.rawGet(path), 400, 204, "接口参数错误");
	}

	@Test
	void sixtyFourCharactersAreStillAParameter() {
		assertSeedError(this.http.get(avatarUrl(this.appid, "é".repeat(64))), 404, 404, "用户不存在");
	}

	@Test
	void everyNotFoundCaseLooksTheSame() {
		String avatarless = "139" + System.nanoTime() % 100_000_000;
		newUser(this.appid, avatarless, null);
		String banned = "137" + System.nanoTime() % 100_000_000;
		String bannedId = newUser(this.appid, banned, null).get("userId").stringValue();
		assertThat(uploadAvatar(bannedId, "image/png", TestImages.encode(TestImages.noise(40, 40, 1), "png")).status())
			.isEqualTo(200);
		assertThat(this.http.get(avatarUrl(this.appid, banned)).status()).isEqualTo(200);
		assertThat(admin("PATCH", "/admin/users/" + bannedId, "{\"banned\":true}").status()).isEqualTo(200);

		Response unknownApp = this.http.get(avatarUrl("no_such_app", this.username));
		Response unknownUser = this.http.get(avatarUrl(this.appid, "nobody"));
		Response noAvatar = this.http.get(avatarUrl(this.appid, avatarless));
		Response bannedUser = this.http.get(avatarUrl(this.appid, banned));

		for (Response response : new Response[] { unknownApp, unknownUser, noAvatar, bannedUser }) {
			assertSeedError(response, 404, 404, "用户不存在");
			assertThat(response.headers().map().keySet()).isEqualTo(unknownUser.headers().map().keySet());
		}
	}

	@Test
	void errorsAreJsonEvenWhenTheClientAsksForImagesOnly() {
		Response response = this.http.get(avatarUrl(this.appid, "nobody"), "Accept", "image/avif,image/webp,image/*");

		assertSeedError(response, 404, 404, "用户不存在");
	}

	@Test
	void clientFollowingTheContractsPythonSnippetGetsImageOrMessage() {
		// the nobase contract's snippet: image when Content-Type == "image/jpeg", else
		// response.json()['msg']
		assertThat(seedClient(avatarUrl(this.appid, this.username))).isEqualTo("image:" + this.storedJpeg.length);
		assertThat(seedClient("/api/user/get_avatar?appid=" + this.appid)).isEqualTo("接口参数错误");
		assertThat(seedClient(avatarUrl(this.appid, "13900139000x"))).isEqualTo("用户不存在");
	}

	@Test
	void contentAddressedUrlServesTheSameBytesForAYear() {
		JsonNode user = admin("GET", "/admin/users/" + this.userId, null).json();
		String avatarUrl = user.get("avatarUrl").stringValue();
		assertThat(avatarUrl).startsWith("http://localhost:").doesNotContain(this.username).endsWith(".jpg");
		String path = avatarUrl.substring(avatarUrl.indexOf("/avatars/"));

		Response response = this.http.get(path);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(response.body()).isEqualTo(this.storedJpeg);
		assertThat(response.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
		assertThat(response.header("ETag")).isEqualTo("\"" + path.substring(9, 73) + "\"");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(this.http.get(path, "If-None-Match", response.header("ETag")).status()).isEqualTo(304);
		assertThat(this.http.get(path, "If-Modified-Since", response.header("Last-Modified")).status()).isEqualTo(304);
		Response head = this.http.head(path);
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(this.storedJpeg.length));
	}

	@Test
	void unknownOrMalformedHashIs404InTheNobaseFormat() {
		assertSeedError(this.http.get("/avatars/" + "0".repeat(64) + ".jpg"), 404, 404, "用户不存在");
		assertSeedError(this.http.get("/avatars/not-a-hash.jpg"), 404, 404, "用户不存在");
	}

	@Test
	void avatarOfABannedUserIsNotServedByHashEither() {
		// an image nobody else in the shared test database shows
		uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.noise(64, 64, TestImages.distinctSeed()), "png"));
		String hash = this.http.get(avatarUrl(this.appid, this.username)).header("ETag").replace("\"", "");
		assertThat(this.http.get("/avatars/" + hash + ".jpg").status()).isEqualTo(200);

		admin("PATCH", "/admin/users/" + this.userId, "{\"banned\":true}");

		assertSeedError(this.http.get("/avatars/" + hash + ".jpg"), 404, 404, "用户不存在");
	}

	private String seedClient(String pathAndQuery) {
		Response response = this.http.get(pathAndQuery);
		if ("image/jpeg".equals(response.header("Content-Type"))) {
			return "image:" + response.body().length;
		}
		return response.json().get("msg").stringValue();
	}

	static String avatarUrl(String appid, String user) {
		return "/api/user/get_avatar?appid=" + URLEncoder.encode(appid, StandardCharsets.UTF_8) + "&user="
				+ URLEncoder.encode(user, StandardCharsets.UTF_8);
	}

}

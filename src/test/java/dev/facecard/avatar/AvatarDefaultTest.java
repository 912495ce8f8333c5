package dev.facecard.avatar;

import java.awt.image.BufferedImage;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.facecard.support.ApiAssertions.assertSeedError;
import static org.assertj.core.api.Assertions.assertThat;

/** Default images (README, "Try it"): {@code default=404|identicon|mp} on get_avatar. */
class AvatarDefaultTest extends IntegrationTest {

	private String appid;

	@BeforeEach
	void users() {
		this.appid = newApp();
		newUser(this.appid, "noavatar", null);
		String banned = newUser(this.appid, "banned", null).get("userId").stringValue();
		uploadAvatar(banned, "image/png",
				TestImages.encode(TestImages.noise(30, 30, TestImages.distinctSeed()), "png"));
		admin("PATCH", "/admin/users/" + banned, "{\"banned\":true}");
		String real = newUser(this.appid, "real", null).get("userId").stringValue();
		uploadAvatar(real, "image/png", TestImages.encode(TestImages.noise(30, 30, TestImages.distinctSeed()), "png"));
	}

	@Test
	void identiconIsTheSameForTheSameUserAndDifferentForAnother() {
		Response first = avatar("noavatar", "&default=identicon");
		Response again = avatar("noavatar", "&default=identicon");
		Response other = avatar("nobody", "&default=identicon");

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(first.body()).isEqualTo(again.body());
		assertThat(first.header("ETag")).isEqualTo(again.header("ETag"));
		assertThat(other.body()).isNotEqualTo(first.body());
		assertThat(other.header("ETag")).isNotEqualTo(first.header("ETag"));
		BufferedImage image = TestImages.decode(first.body());
		assertThat(image.getWidth()).isEqualTo(256);
		assertThat(image.getHeight()).isEqualTo(256);
	}

	@Test
	void everyNotFoundCaseAnswersTheDefaultWithAShortCacheLifetime() {
		for (String user : new String[] { "nobody", "noavatar", "banned" }) {
			for (String kind : new String[] { "identicon", "mp" }) {
				Response response = avatar(user, "&default=" + kind);
				assertThat(response.status()).as(user + " " + kind).isEqualTo(200);
				assertThat(response.header("Cache-Control")).isEqualTo("max-age=60, public");
				assertThat(TestImages.decode(response.body())).isNotNull();
			}
		}
		assertThat(this.http.get("/api/user/get_avatar?appid=no_such_app&user=x&default=mp").status()).isEqualTo(200);
	}

	@Test
	void mpComesAtTheAskedSize() {
		BufferedImage image = TestImages.decode(avatar("nobody", "&default=mp&size=100").body());

		assertThat(image.getWidth()).isEqualTo(100);
		assertThat(image.getHeight()).isEqualTo(100);
		assertThat(TestImages.decode(avatar("nobody", "&default=identicon&size=48").body()).getWidth()).isEqualTo(48);
	}

	@Test
	void aRealAvatarWinsOverTheDefault() {
		Response real = avatar("real", "&default=identicon");

		assertThat(real.status()).isEqualTo(200);
		assertThat(real.body()).isEqualTo(avatar("real", "").body());
		assertThat(real.header("Cache-Control")).isEqualTo("max-age=300, public");
	}

	@Test
	void default404KeepsTheContracts404() {
		assertSeedError(avatar("nobody", "&default=404"), 404, 404, "用户不存在");
		assertSeedError(avatar("noavatar", ""), 404, 404, "用户不存在");
	}

	@ParameterizedTest
	@ValueSource(strings = { "&default=", "&default=retro", "&default=IDENTICON", "&default=mp&default=mp",
			"&default=404x", "&default=http://example.com/a.png" })
	void unknownDefaultsAre400Code204(String query) {
		assertSeedError(this.http.rawGet("/api/user/get_avatar?appid=" + this.appid + "&user=nobody" + query), 400, 204,
				"接口参数错误");
	}

	private Response avatar(String user, String extraQuery) {
		return this.http.get("/api/user/get_avatar?appid=" + this.appid + "&user=" + user + extraQuery);
	}

}

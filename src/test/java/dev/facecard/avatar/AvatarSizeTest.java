package dev.facecard.avatar;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.facecard.support.ApiAssertions.assertSeedError;
import static dev.facecard.support.StatementCounter.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Sizes (README, "Try it"): {@code size} on both avatar URLs. */
class AvatarSizeTest extends IntegrationTest {

	@Autowired
	private AvatarLookups avatars;

	private String appid;

	private String hash;

	@BeforeEach
	void avatarOf300By200() {
		this.appid = newApp();
		String userId = newUser(this.appid, "13800138000", null).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.halves(300, 200, Color.RED, Color.BLUE), "png"));
		this.hash = upload.json().get("etag").stringValue().replace("\"", "");
	}

	@Test
	void sizeScalesToFitTheSquareAndKeepsTheAspect() {
		BufferedImage image = TestImages.decode(avatar("&size=64").body());

		assertThat(image.getWidth()).isEqualTo(64);
		assertThat(image.getHeight()).isEqualTo(43);
		assertThat(TestImages.near(image.getRGB(10, 20), Color.RED, 40)).isTrue();
	}

	@Test
	void aSizeAboveTheOriginalReturnsTheOriginalDimensions() {
		BufferedImage image = TestImages.decode(avatar("&size=1000").body());

		assertThat(image.getWidth()).isEqualTo(300);
		assertThat(image.getHeight()).isEqualTo(200);
	}

	@Test
	void theContentAddressedUrlTakesSize() {
		Response response = this.http.get("/avatars/" + this.hash + ".jpg?size=100");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(TestImages.decode(response.body()).getWidth()).isEqualTo(100);
		assertThat(response.header("ETag")).isEqualTo("\"" + this.hash + "-100\"");
		assertThat(response.header("Cache-Control")).contains("immutable");
	}

	@Test
	void eachSizeHasItsOwnStrongEtagAndItsOwn304() {
		String original = avatar("").header("ETag");
		String at64 = avatar("&size=64").header("ETag");
		String at128 = avatar("&size=128").header("ETag");

		assertThat(List.of(original, at64, at128)).doesNotHaveDuplicates().allMatch(tag -> !tag.startsWith("W/"));
		assertThat(at64).isEqualTo("\"" + this.hash + "-64\"");
		assertThat(avatar("&size=64", "If-None-Match", at64).status()).isEqualTo(304);
		assertThat(avatar("&size=128", "If-None-Match", at64).status()).isEqualTo(200);
		assertThat(avatar("", "If-None-Match", at64).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "5000", "abc", "15", "1025", "-1", "1.5", "", "64&size=64", "%36%34x", "0064x" })
	void anyOtherSizeIs400Code204(String size) {
		assertSeedError(this.http.rawGet("/api/user/get_avatar?appid=" + this.appid + "&user=13800138000&size=" + size),
				400, 204, "接口参数错误");
		assertSeedError(this.http.rawGet("/avatars/" + this.hash + ".jpg?size=" + size), 400, 204, "接口参数错误");
	}

	@Test
	void aPageOf15AvatarsAt48PixelsResizesOnlyOnTheFirstView() {
		List<String> page = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			String userId = newUser(this.appid, "page" + i, null).get("userId").stringValue();
			uploadAvatar(userId, "image/png",
					TestImages.encode(TestImages.noise(120, 120, TestImages.distinctSeed()), "png"));
			page.add("/api/user/get_avatar?appid=" + this.appid + "&user=page" + i + "&size=48");
		}
		long resizesBefore = variantMisses();
		page.forEach(url -> assertThat(this.http.get(url).status()).isEqualTo(200));
		assertThat(variantMisses() - resizesBefore).isEqualTo(15);

		long resizesAfterFirstView = variantMisses();
		int statements = count(() -> page
			.forEach(url -> assertThat(TestImages.decode(this.http.get(url).body()).getWidth()).isEqualTo(48)));

		assertThat(variantMisses()).isEqualTo(resizesAfterFirstView);
		assertThat(statements).isZero();
	}

	private Response avatar(String extraQuery, String... headers) {
		Response response = this.http.get("/api/user/get_avatar?appid=" + this.appid + "&user=13800138000" + extraQuery,
				headers);
		assertThat(response.status()).as(response.toString()).isIn(200, 304);
		return response;
	}

	/**
	 * Misses of the resized-variant cache: each one resize, or one wait for a resize in
	 * flight.
	 */
	private long variantMisses() {
		return this.avatars.monitoredCaches().get("avatar.variants").stats().missCount();
	}

}

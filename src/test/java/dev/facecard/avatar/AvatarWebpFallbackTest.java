package dev.facecard.avatar;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * A WebP encoder that fails (an exception, or libwebp missing on the platform) costs the
 * client nothing but the smaller answer: the JPEG, never a 500, counted in
 * {@code facecard.avatar.webp.failures}, and not tried again while that is cached.
 */
class AvatarWebpFallbackTest extends IntegrationTest {

	@MockitoBean
	private WebpEncoder encoder;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aFailingEncoderAnswersTheJpeg() {
		given(this.encoder.encode(any())).willThrow(new IllegalStateException("encoder broke"));
		assertFallsBackToJpeg("13800138000");
	}

	@Test
	void aMissingNativeLibraryAnswersTheJpeg() {
		given(this.encoder.encode(any())).willThrow(new UnsatisfiedLinkError("no libwebp-imageio"));
		assertFallsBackToJpeg("13900139000");
	}

	private void assertFallsBackToJpeg(String username) {
		String appid = newApp();
		String userId = newUser(appid, username, null).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.noise(300, 300, TestImages.distinctSeed()), "png"));
		String hash = upload.json().get("etag").stringValue().replace("\"", "");
		String byUsername = AvatarEndpointTest.avatarUrl(appid, username);
		byte[] jpeg = this.http.get(byUsername).body();
		double before = failures();

		for (int i = 0; i < 2; i++) {
			Response answer = this.http.get(byUsername, "Accept", AvatarWebpTest.BROWSERS.get(0));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.header("Content-Type")).isEqualTo("image/jpeg");
			assertThat(answer.header("ETag")).isEqualTo("\"" + hash + "\"");
			assertThat(AvatarWebpTest.variesByAccept(answer)).isTrue();
			assertThat(answer.body()).isEqualTo(jpeg);

			Response byHash = this.http.get("/avatars/" + hash + ".webp");
			assertThat(byHash.status()).isEqualTo(200);
			assertThat(byHash.header("Content-Type")).isEqualTo("image/jpeg");
			assertThat(byHash.body()).isEqualTo(jpeg);
			assertThat(byHash.header("Cache-Control")).as("not kept for ever under the .webp URL")
				.isEqualTo("max-age=300, public");
		}
		// once per image and size: the failure is cached like a WebP would be
		assertThat(failures()).isEqualTo(before + 1);
	}

	private double failures() {
		return this.meters.counter("facecard.avatar.webp.failures").count();
	}

}

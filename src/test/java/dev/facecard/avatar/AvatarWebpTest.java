package dev.facecard.avatar;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.StatementCounter;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebP (README, "Try it"): get_avatar answers WebP only to an {@code Accept} that names
 * it, with {@code Vary: Accept} on every image answer; {@code /avatars/{hash}.webp}
 * always. Everyone else keeps the JPEG, byte for byte.
 */
class AvatarWebpTest extends IntegrationTest {

	/** What browsers send for images (Chrome, Firefox, Safari). */
	static final List<String> BROWSERS = List.of("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
			"image/avif,image/webp,*/*",
			"image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,"
					+ "image/*;q=0.8,*/*;q=0.5");

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcTemplate jdbc;

	private String appid;

	private String hash;

	private String byUsername;

	@BeforeEach
	void avatar() {
		this.appid = newApp();
		String userId = newUser(this.appid, "13800138000", null).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.photoLike(600, 400, TestImages.distinctSeed()), "png"));
		this.hash = upload.json().get("etag").stringValue().replace("\"", "");
		this.byUsername = AvatarEndpointTest.avatarUrl(this.appid, "13800138000");
	}

	@Test
	void browsersGetWebp() {
		byte[] jpeg = this.http.get(this.byUsername).body();
		for (String accept : BROWSERS) {
			Response response = this.http.get(this.byUsername, "Accept", accept);
			assertWebp(response, 600, 400);
			assertThat(response.header("ETag")).isEqualTo("\"" + this.hash + ".webp\"");
			assertThat(AvatarWebpTest.variesByAccept(response)).isTrue();
			assertThat(response.header("Cache-Control")).isEqualTo("max-age=300, public");
			assertThat(response.body().length).isLessThan(jpeg.length);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "image/*", "image/webp;q=0", "image/webp; q=0.000", "image/webp;q=2", "image/jpeg",
			"text/html", "image/webpx", "application/json, */*;q=0.5", "" })
	void everyOtherAcceptGetsTheJpegByteForByte(String accept) {
		Response none = this.http.get(this.byUsername);
		Response response = accept.isEmpty() ? this.http.rawGet(this.byUsername, "Accept", "")
				: this.http.get(this.byUsername, "Accept", accept);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(response.body()).isEqualTo(none.body());
		assertThat(response.header("ETag")).isEqualTo("\"" + this.hash + "\"");
		assertThat(AvatarWebpTest.variesByAccept(response)).isTrue();
		assertThat(AvatarWebpTest.variesByAccept(none)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "image/webp", "IMAGE/WEBP;Q=0.5", "image/jpeg, image/webp;q=0.001", "image/webp ; q=1.0" })
	void anAcceptNamingWebpWithAQualityGetsIt(String accept) {
		assertWebp(this.http.get(this.byUsername, "Accept", accept), 600, 400);
	}

	@Test
	void everyImageAnswerOfGetAvatarVariesByAccept() {
		String webp = BROWSERS.get(0);
		for (String url : List.of(this.byUsername + "&size=64", this.byUsername + "&size=100",
				this.byUsername + "&size=1000",
				AvatarEndpointTest.avatarUrl(this.appid, "nobody") + "&default=identicon",
				AvatarEndpointTest.avatarUrl(this.appid, "nobody") + "&default=mp")) {
			for (String accept : List.of(webp, "*/*")) {
				Response response = this.http.get(url, "Accept", accept);
				assertThat(response.status()).as(url).isEqualTo(200);
				assertThat(AvatarWebpTest.variesByAccept(response)).as(url).isTrue();
				Response notModified = this.http.get(url, "Accept", accept, "If-None-Match", response.header("ETag"));
				assertThat(notModified.status()).as(url).isEqualTo(304);
				assertThat(AvatarWebpTest.variesByAccept(notModified)).as(url).isTrue();
			}
		}
	}

	@Test
	void sizedWebpsHaveTheSizesDimensionsAndTagsOfTheirOwn() {
		String accept = BROWSERS.get(1);
		Response at64 = this.http.get(this.byUsername + "&size=64", "Accept", accept);
		Response at100 = this.http.get(this.byUsername + "&size=100", "Accept", accept);
		Response fits = this.http.get(this.byUsername + "&size=1000", "Accept", accept);

		assertWebp(at64, 64, 43);
		assertWebp(at100, 100, 67);
		assertWebp(fits, 600, 400);
		assertThat(at64.header("ETag")).isEqualTo("\"" + this.hash + "-64.webp\"");
		assertThat(at100.header("ETag")).isEqualTo("\"" + this.hash + "-100.webp\"");
		assertThat(fits.header("ETag")).isEqualTo("\"" + this.hash + "-1000.webp\"");
		assertThat(this.http.get(this.byUsername + "&size=64", "Accept", "*/*").header("ETag"))
			.isEqualTo("\"" + this.hash + "-64\"");
	}

	@Test
	void theContentAddressedWebpIsImmutableWithAStrongTagApartFromTheJpegs() {
		String url = "/avatars/" + this.hash + ".webp";
		Response webp = this.http.get(url);

		assertWebp(webp, 600, 400);
		assertThat(webp.header("ETag")).isEqualTo("\"" + this.hash + ".webp\"");
		assertThat(webp.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
		assertThat(AvatarWebpTest.variesByAccept(webp)).isFalse();
		assertThat(webp.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
		assertThat(this.http.get(url, "If-None-Match", webp.header("ETag")).status()).isEqualTo(304);
		assertThat(this.http.get(url, "If-None-Match", "\"" + this.hash + "\"").status()).isEqualTo(200);
		assertThat(this.http.get("/avatars/" + this.hash + ".jpg", "If-None-Match", webp.header("ETag")).status())
			.isEqualTo(200);
		assertThat(this.http.get("/avatars/" + this.hash + ".jpg", "Accept", BROWSERS.get(0)).header("Content-Type"))
			.as("the .jpg URL stays a JPEG")
			.isEqualTo("image/jpeg");
		assertThat(this.http.head(url).header("Content-Type")).isEqualTo("image/webp");

		Response sized = this.http.get(url + "?size=256");
		assertWebp(sized, 256, 171);
		assertThat(sized.header("ETag")).isEqualTo("\"" + this.hash + "-256.webp\"");
		assertThat(this.http.get(url + "?size=256", "If-None-Match", sized.header("ETag")).status()).isEqualTo(304);
	}

	@Test
	void eachImageAndSizeIsEncodedOnce() {
		double before = encodings();
		for (int i = 0; i < 3; i++) {
			assertWebp(this.http.get("/avatars/" + this.hash + ".webp?size=48"), 48, 32);
			assertWebp(this.http.get(this.byUsername + "&size=48", "Accept", "image/webp"), 48, 32);
		}
		assertThat(encodings()).isEqualTo(before + 1);
	}

	@Test
	void theImageAndItsRenditionsAnswerTheWebpMadeAtUploadFromItsPixels() {
		double before = encodings();
		byte[] full = this.http.get(this.byUsername, "Accept", "image/webp").body();
		byte[] at256 = this.http.get("/avatars/" + this.hash + ".webp?size=256").body();
		byte[] at64 = this.http.get(this.byUsername + "&size=64", "Accept", "image/webp").body();

		assertThat(full).isEqualTo(stored("select webp from avatars where hash = ?"));
		assertThat(at256).isEqualTo(stored("select webp from avatar_renditions where hash = ? and side = 256"));
		assertThat(at64).isEqualTo(stored("select webp from avatar_renditions where hash = ? and side = 64"));
		assertThat(encodings()).as("none encoded on request").isEqualTo(before);
	}

	@Test
	void aColdWebpIsReadWithItsLookupInOneStatementWithoutTheJpeg() {
		byte[] storedWebp = stored("select webp from avatars where hash = ?");
		Response[] answer = new Response[1];

		List<String> statements = StatementCounter
			.statements(() -> answer[0] = this.http.get(this.byUsername, "Accept", "image/webp"));

		assertThat(answer[0].body()).isEqualTo(storedWebp);
		assertThat(statements).hasSize(1);
		// the JPEG was left out of that statement: its first answer reads it
		assertThat(StatementCounter.count(() -> this.http.get(this.byUsername))).isEqualTo(1);
		assertThat(StatementCounter.count(() -> this.http.get(this.byUsername))).isZero();

		String userId = newUser(this.appid, "13900139000", null).get("userId").stringValue();
		String other = uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.photoLike(600, 400, TestImages.distinctSeed()), "png"))
			.json()
			.get("etag")
			.stringValue()
			.replace("\"", "");
		statements = StatementCounter.statements(() -> answer[0] = this.http.get("/avatars/" + other + ".webp"));
		assertThat(answer[0].body())
			.isEqualTo(this.jdbc.queryForObject("select webp from avatars where hash = ?", byte[].class, other));
		assertThat(statements).hasSize(1);
	}

	@Test
	void anAvatarStoredWithoutWebpsHasThemEncodedFromItsJpegs() {
		// as an avatar stored before they were made at upload (nothing has looked it up
		// yet)
		this.jdbc.update("update avatars set webp = null where hash = ?", this.hash);
		this.jdbc.update("update avatar_renditions set webp = null where hash = ?", this.hash);
		double before = encodings();

		assertWebp(this.http.get(this.byUsername, "Accept", "image/webp"), 600, 400);
		assertWebp(this.http.get(this.byUsername + "&size=64", "Accept", "image/webp"), 64, 43);
		assertThat(encodings()).isEqualTo(before + 2);
	}

	@Test
	void unknownOrMalformedWebpUrlsAnswerLikeTheJpegs() {
		assertThat(this.http.get("/avatars/" + "0".repeat(64) + ".webp").status()).isEqualTo(404);
		assertThat(this.http.get("/avatars/xyz.webp").status()).isEqualTo(404);
		assertThat(this.http.get("/avatars/" + this.hash + ".webp?size=15").status()).isEqualTo(400);
	}

	/** Whether {@code Vary} names {@code Accept} (beside whatever else it names). */
	static boolean variesByAccept(Response response) {
		return response.headerValues("Vary")
			.stream()
			.flatMap(field -> Arrays.stream(field.split(",")))
			.anyMatch(name -> name.strip().equalsIgnoreCase("Accept"));
	}

	static void assertWebp(Response response, int width, int height) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("image/webp");
		byte[] body = response.body();
		assertThat(new String(Arrays.copyOfRange(body, 0, 4), StandardCharsets.US_ASCII)).isEqualTo("RIFF");
		assertThat(new String(Arrays.copyOfRange(body, 8, 12), StandardCharsets.US_ASCII)).isEqualTo("WEBP");
		BufferedImage image = TestImages.decode(body);
		assertThat(List.of(image.getWidth(), image.getHeight())).isEqualTo(List.of(width, height));
	}

	private byte[] stored(String sql) {
		return this.jdbc.queryForObject(sql, byte[].class, this.hash);
	}

	private double encodings() {
		return this.meters.counter("facecard.avatar.webp.encodings").count();
	}

}

package dev.facecard.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.facecard.support.CraftedImages;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile uploads over HTTP: decompression bombs in every accepted format are a 400 in
 * the admin API's format and leave the avatar as it was; oversized metadata and bytes
 * smuggled around the image are re-encoded away; and the unusual but legitimate kinds are
 * stored in their true colours and shapes. What the refusals cost in memory is measured
 * in {@link AvatarImageNormalizerTest}.
 */
class HostileUploadTest extends IntegrationTest {

	private String appid;

	private String username;

	private String userId;

	@BeforeEach
	void user() {
		this.appid = newApp();
		this.username = unique("u");
		this.userId = newUser(this.appid, this.username, null).get("userId").stringValue();
	}

	static Stream<Arguments> bombs() {
		return Stream
			.of(Arguments.of("image/png", TestImages.hugeBlankPng(30000, 30000), "30000×30000"),
					Arguments.of("image/png", CraftedImages.blankPng(40_000_000, 1, 8, 6, 160_000_000L), "40000000×1"),
					Arguments.of("image/gif", CraftedImages.gif(65535, 65535, 65535, 65535), "65535×65535"),
					Arguments.of("image/gif", CraftedImages.gif(10, 10, 65535, 65535), "65535×65535"),
					Arguments.of("image/gif", CraftedImages.gif(65535, 65535, 10, 10), "65535×65535"),
					Arguments.of("image/webp", CraftedImages.webp(CraftedImages.vp8(16383, 16383)), "16383×16383"),
					Arguments.of("image/webp", CraftedImages.webp(CraftedImages.vp8l(16383, 16383)), "16383×16383"),
					Arguments.of("image/webp",
							CraftedImages.webp(CraftedImages.vp8x(16383, 16383, false),
									CraftedImages.vp8l(16383, 16383)),
							"16383×16383"),
					Arguments.of("image/webp",
							CraftedImages.webp(CraftedImages.vp8x(10, 10, false), CraftedImages.vp8(16383, 16383)),
							"16383×16383"),
					Arguments.of("image/webp",
							CraftedImages.webp(CraftedImages.vp8x(10, 10, true), CraftedImages.anim(),
									CraftedImages.anmf(10, 10, CraftedImages.vp8(16383, 16383))),
							"16383×16383"),
					Arguments.of("image/jpeg", CraftedImages.jpegDeclaring(65500, 65500), "65500×65500"),
					Arguments.of("image/bmp", CraftedImages.bmpRle8(30000, 30000), "30000×30000"),
					Arguments.of("image/bmp", CraftedImages.bmpRle8(40_000_000, 1), "40000000×1"));
	}

	@ParameterizedTest(name = "{0} declaring {2}")
	@MethodSource("bombs")
	void decompressionBombsAre400AndThePreviousAvatarStays(String contentType, byte[] bomb, String declared) {
		byte[] previous = uploadValidAvatar();
		assertThat(bomb.length).isLessThan(1024 * 1024);

		Response refused = uploadAvatar(this.userId, contentType, bomb);

		assertProblem(refused, 400);
		assertThat(refused.json().get("detail").stringValue()).contains(declared);
		assertThat(served()).isEqualTo(previous);
	}

	@Test
	void jpegWithMegabytesOfExifIsStoredUprightAndWithoutIt() {
		byte[] jpeg = CraftedImages
			.withHugeExif(TestImages.encode(TestImages.halves(64, 32, Color.RED, Color.BLUE), "jpeg"), 6, 4);
		assertThat(jpeg.length).isBetween(4_000_000, 5 * 1024 * 1024);

		Response upload = uploadAvatar(this.userId, "image/jpeg", jpeg);

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		byte[] stored = served();
		assertThat(stored.length).isLessThan(20_000);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
		// orientation 6, the last of the first segment's 5000 entries: turned upright
		BufferedImage upright = TestImages.decode(stored);
		assertThat(upright.getWidth()).isEqualTo(32);
		assertThat(upright.getHeight()).isEqualTo(64);
		assertThat(TestImages.near(upright.getRGB(16, 10), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(upright.getRGB(16, 54), Color.BLUE, 40)).isTrue();
	}

	@Test
	void htmlAppendedToOrHiddenInAJpegIsNotStored() {
		byte[] jpeg = TestImages.encode(TestImages.halves(40, 40, Color.RED, Color.BLUE), "jpeg");
		String html = "<html><script>alert(document.cookie)</script></html>";
		ByteArrayOutputStream polyglot = new ByteArrayOutputStream();
		polyglot.write(jpeg, 0, 2);
		byte[] comment = html.getBytes(StandardCharsets.US_ASCII); // in a COM segment too
		polyglot.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, (byte) (comment.length + 2) });
		polyglot.writeBytes(comment);
		polyglot.write(jpeg, 2, jpeg.length - 2);
		polyglot.writeBytes(html.getBytes(StandardCharsets.US_ASCII)); // after EOI

		Response upload = uploadAvatar(this.userId, "image/jpeg", polyglot.toByteArray());

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		String avatarUrl = upload.json().get("avatarUrl").stringValue();
		for (Response response : new Response[] {
				this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username)),
				this.http.get(avatarUrl.substring(avatarUrl.indexOf("/avatars/"))) }) {
			assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			String stored = new String(response.body(), StandardCharsets.ISO_8859_1);
			assertThat(stored).doesNotContain("<html").doesNotContain("<script").doesNotContain("cookie");
			assertThat(response.body()).endsWith(0xFF, 0xD9);
		}
	}

	@Test
	void pngWhoseCommentInflatesToGigabytesIsStoredWithoutIt() {
		byte[] png = CraftedImages.pngWithCompressedComment(
				TestImages.encode(TestImages.halves(30, 20, Color.RED, Color.BLUE), "png"), 3L << 30);

		Response upload = uploadAvatar(this.userId, "image/png", png);

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		byte[] stored = served();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("AAAA").doesNotContain("Comment");
		BufferedImage image = TestImages.decode(stored);
		assertThat(image.getWidth()).isEqualTo(30);
		assertThat(TestImages.near(image.getRGB(5, 10), Color.RED, 40)).isTrue();
	}

	@Test
	void cmykJpegIsStoredInItsColours() {
		// left: magenta + yellow ink (red), right: cyan ink; Adobe-style inverted CMYK
		byte[] cmyk = CraftedImages.cmykJpeg(80, 40, new int[] { 0, 255, 255, 0 }, new int[] { 255, 0, 0, 0 });

		Response upload = uploadAvatar(this.userId, "image/jpeg", cmyk);

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		BufferedImage stored = TestImages.decode(served());
		assertThat(stored.getWidth()).isEqualTo(80);
		assertThat(stored.getHeight()).isEqualTo(40);
		// a profile-based conversion gives (237, 28, 36) and (0, 174, 239), a naive one
		// pure red and cyan
		Color red = new Color(stored.getRGB(15, 20));
		assertThat(red.getRed()).as(red.toString()).isGreaterThan(200);
		assertThat(red.getGreen()).as(red.toString()).isLessThan(60);
		assertThat(red.getBlue()).as(red.toString()).isLessThan(60);
		Color cyan = new Color(stored.getRGB(65, 20));
		assertThat(cyan.getRed()).as(cyan.toString()).isLessThan(60);
		assertThat(cyan.getGreen()).as(cyan.toString()).isGreaterThan(140);
		assertThat(cyan.getBlue()).as(cyan.toString()).isGreaterThan(200);
	}

	@Test
	void sixteenBitPngsAreStoredInTheirColours() {
		// RGBA: left opaque red, right fully transparent blue (white once flattened)
		byte[] rgba = CraftedImages.png16(60, 30, new int[] { 65535, 0, 0, 65535 }, new int[] { 0, 0, 65535, 0 });
		assertThat(uploadAvatar(this.userId, "image/png", rgba).status()).isEqualTo(200);
		BufferedImage stored = TestImages.decode(served());
		assertThat(stored.getWidth()).isEqualTo(60);
		assertThat(TestImages.near(stored.getRGB(10, 15), Color.RED, 8)).isTrue();
		assertThat(TestImages.near(stored.getRGB(50, 15), Color.WHITE, 8)).isTrue();

		byte[] grey = CraftedImages.grey16Png(60, 30, 0x2000, 0xE000);
		assertThat(uploadAvatar(this.userId, "image/png", grey).status()).isEqualTo(200);
		BufferedImage storedGrey = TestImages.decode(served());
		assertThat(TestImages.near(storedGrey.getRGB(10, 15), new Color(0x20, 0x20, 0x20), 8)).isTrue();
		assertThat(TestImages.near(storedGrey.getRGB(50, 15), new Color(0xE0, 0xE0, 0xE0), 8)).isTrue();
	}

	@Test
	void animatedGifIsStoredAsItsFirstFrame() {
		byte[] gif = CraftedImages.animatedGif(40, 30, Color.RED, Color.BLUE, Color.GREEN);

		Response upload = uploadAvatar(this.userId, "image/gif", gif);

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		BufferedImage stored = TestImages.decode(served());
		assertThat(stored.getWidth()).isEqualTo(40);
		assertThat(stored.getHeight()).isEqualTo(30);
		assertThat(TestImages.near(stored.getRGB(20, 15), Color.RED, 16)).isTrue();
	}

	@Test
	void oneByTenThousandAndTenThousandByOneAreScaledKeepingTheirShape() {
		// tall: top half red, bottom half blue
		BufferedImage tall = new BufferedImage(1, 10000, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = tall.createGraphics();
		graphics.setColor(Color.RED);
		graphics.fillRect(0, 0, 1, 5000);
		graphics.setColor(Color.BLUE);
		graphics.fillRect(0, 5000, 1, 5000);
		graphics.dispose();

		Response upload = uploadAvatar(this.userId, "image/png", TestImages.encode(tall, "png"));

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		assertThat(upload.json().get("width").intValue()).isEqualTo(1);
		assertThat(upload.json().get("height").intValue()).isEqualTo(1024);
		BufferedImage storedTall = TestImages.decode(served());
		assertThat(storedTall.getWidth()).isEqualTo(1);
		assertThat(storedTall.getHeight()).isEqualTo(1024);
		assertThat(TestImages.near(storedTall.getRGB(0, 100), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(storedTall.getRGB(0, 924), Color.BLUE, 40)).isTrue();

		byte[] wide = TestImages.encode(TestImages.halves(10000, 1, Color.RED, Color.BLUE), "png");
		Response wideUpload = uploadAvatar(this.userId, "image/png", wide);

		assertThat(wideUpload.status()).as(wideUpload.toString()).isEqualTo(200);
		BufferedImage storedWide = TestImages.decode(served());
		assertThat(storedWide.getWidth()).isEqualTo(1024);
		assertThat(storedWide.getHeight()).isEqualTo(1);
		assertThat(TestImages.near(storedWide.getRGB(100, 0), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(storedWide.getRGB(924, 0), Color.BLUE, 40)).isTrue();
	}

	private byte[] uploadValidAvatar() {
		Response upload = uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.noise(50, 50, TestImages.distinctSeed()), "png"));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		return served();
	}

	private byte[] served() {
		Response response = this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

}

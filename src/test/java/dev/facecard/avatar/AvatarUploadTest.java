package dev.facecard.avatar;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static dev.facecard.support.ApiAssertions.assertSeedError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Avatar uploads (README, Admin API): the normalisation pipeline and every refusal, over
 * HTTP on PostgreSQL.
 */
class AvatarUploadTest extends IntegrationTest {

	private String appid;

	private String username;

	private String userId;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void user() {
		this.appid = newApp();
		this.username = unique("u");
		this.userId = newUser(this.appid, this.username, null).get("userId").stringValue();
	}

	@Test
	void uploadAnswersUrlEtagAndDimensionsOfWhatIsServed() {
		Response upload = uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.halves(300, 200, Color.RED, Color.BLUE), "png"));

		assertThat(upload.status()).isEqualTo(200);
		JsonNode body = upload.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("avatarUrl", "etag", "width", "height");
		Response served = this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username));
		assertThat(body.get("etag").stringValue()).isEqualTo(served.header("ETag"));
		assertThat(body.get("avatarUrl").stringValue())
			.endsWith("/avatars/" + served.header("ETag").replace("\"", "") + ".jpg");
		assertThat(body.get("width").intValue()).isEqualTo(300);
		assertThat(body.get("height").intValue()).isEqualTo(200);
	}

	@Test
	void jpegWithExifOrientation6ComesOutUprightAndWithoutMetadata() throws Exception {
		// stored sideways: left half red, right half blue; orientation 6 = "rotate 90°
		// clockwise to view"
		byte[] jpeg = TestImages.withExif(TestImages.encode(TestImages.halves(200, 100, Color.RED, Color.BLUE), "jpeg"),
				6);
		assertThat(metadataTagNames(jpeg)).contains("Orientation", "GPS Latitude Ref", "Make");

		assertThat(uploadAvatar(this.userId, "image/jpeg", jpeg).status()).isEqualTo(200);

		byte[] stored = served();
		BufferedImage upright = TestImages.decode(stored);
		assertThat(upright.getWidth()).isEqualTo(100);
		assertThat(upright.getHeight()).isEqualTo(200);
		assertThat(TestImages.near(upright.getRGB(50, 30), Color.RED, 40)).isTrue();
		assertThat(TestImages.near(upright.getRGB(50, 170), Color.BLUE, 40)).isTrue();
		assertThat(metadataTagNames(stored)).doesNotContain("Orientation", "GPS Latitude Ref", "Make");
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif")
			.doesNotContain("FacecardCam");
	}

	@Test
	void pngWithTransparencyComesOutWhiteWhereItWasTransparent() {
		BufferedImage image = TestImages.halves(100, 100, new Color(0, 0, 0, 0), Color.BLACK);

		assertThat(uploadAvatar(this.userId, "image/png", TestImages.encode(image, "png")).status()).isEqualTo(200);

		BufferedImage stored = TestImages.decode(served());
		assertThat(TestImages.near(stored.getRGB(20, 50), Color.WHITE, 8)).isTrue();
		assertThat(TestImages.near(stored.getRGB(80, 50), Color.BLACK, 8)).isTrue();
	}

	@Test
	void gifAndBmpAreAccepted() {
		for (String format : new String[] { "gif", "bmp" }) {
			byte[] image = TestImages.encode(TestImages.halves(60, 40, Color.RED, Color.BLUE), format);

			Response upload = uploadAvatar(this.userId, "image/" + format, image);

			assertThat(upload.status()).as(format + " " + upload).isEqualTo(200);
			BufferedImage stored = TestImages.decode(served());
			assertThat(stored.getWidth()).isEqualTo(60);
			assertThat(TestImages.near(stored.getRGB(10, 20), Color.RED, 40)).as(format).isTrue();
		}
	}

	@Test
	void webpIsAcceptedAndItsAlphaFlattened() {
		// 120×80, left green, right blue, bottom 20 rows transparent (made with cwebp)
		Response upload = uploadAvatar(this.userId, "image/webp",
				TestImages.resource("green-blue-transparent-bottom.webp"));

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		BufferedImage stored = TestImages.decode(served());
		assertThat(stored.getWidth()).isEqualTo(120);
		assertThat(stored.getHeight()).isEqualTo(80);
		assertThat(TestImages.near(stored.getRGB(20, 30), new Color(0, 160, 0), 40)).isTrue();
		assertThat(TestImages.near(stored.getRGB(100, 30), new Color(0, 0, 200), 40)).isTrue();
		assertThat(TestImages.near(stored.getRGB(60, 75), Color.WHITE, 16)).isTrue();
	}

	@Test
	void largeImagesAreScaledToFitTheMaxDimensionAndSmallOnesNeverUpscaled() {
		assertThat(uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.halves(3000, 1500, Color.RED, Color.BLUE), "png"))
			.json()
			.get("width")
			.intValue()).isEqualTo(1024);
		BufferedImage scaled = TestImages.decode(served());
		assertThat(scaled.getWidth()).isEqualTo(1024);
		assertThat(scaled.getHeight()).isEqualTo(512);

		uploadAvatar(this.userId, "image/png", TestImages.encode(TestImages.noise(20, 30, 7), "png"));
		BufferedImage small = TestImages.decode(served());
		assertThat(small.getWidth()).isEqualTo(20);
		assertThat(small.getHeight()).isEqualTo(30);
	}

	@Test
	void hugeDeclaredDimensionsAreRefusedFromTheHeaderWithoutDecoding() {
		byte[] previous = uploadValidAvatar();
		// 30000×30000 = 900 megapixels: 3.6 GB as ARGB if it were decoded, about 110 KB
		// as a file
		byte[] bomb = TestImages.hugeBlankPng(30000, 30000);
		assertThat(bomb.length).isLessThan(5 * 1024 * 1024);

		Response refused = uploadAvatar(this.userId, "image/png", bomb);

		assertProblem(refused, 400);
		assertThat(refused.json().get("detail").stringValue()).contains("30000×30000");
		assertThat(served()).isEqualTo(previous);
	}

	@Test
	void truncatedJpegTextAndSvgAreRefusedAndThePreviousAvatarStays() {
		byte[] previous = uploadValidAvatar();
		byte[] jpeg = TestImages.encode(TestImages.noise(300, 300, 3), "jpeg");
		byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
		byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
				+ "<rect width=\"10\" height=\"10\"/></svg>")
			.getBytes(StandardCharsets.UTF_8);

		assertProblem(uploadAvatar(this.userId, "image/jpeg", truncated), 400);
		assertProblem(uploadAvatar(this.userId, "image/png", "just some text".getBytes(StandardCharsets.UTF_8)), 400);
		assertProblem(uploadAvatar(this.userId, "image/png", svg), 400);
		assertProblem(uploadAvatar(this.userId, "image/svg+xml", svg), 415);
		assertProblem(uploadAvatar(this.userId, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415);
		assertProblem(uploadAvatar(this.userId, "image/png", new byte[0]), 400);

		assertThat(served()).isEqualTo(previous);
	}

	@Test
	void uploadsLargerThanTheLimitAre413AndThePreviousAvatarStays() {
		byte[] previous = uploadValidAvatar();
		byte[] tooLarge = new byte[5 * 1024 * 1024 + 1];
		tooLarge[0] = (byte) 0x89;

		assertProblem(uploadAvatar(this.userId, "image/png", tooLarge), 413);
		assertThat(served()).isEqualTo(previous);
	}

	@Test
	void anUploadOverTheLimitThatAsksToContinueIsRefusedBeforeItsBodyIsSent() throws IOException {
		byte[] previous = uploadValidAvatar();

		// only the head is sent: the first answer must be the 413, not a "100 Continue"
		// that asks for the body
		String head = "PUT /admin/users/" + this.userId + "/avatar HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + ADMIN_TOKEN + "\r\nContent-Type: image/png\r\n" + "Content-Length: "
				+ (5 * 1024 * 1024 + 1) + "\r\nExpect: 100-continue\r\n\r\n";
		String statusLine;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}

		assertThat(statusLine).startsWith("HTTP/1.1 413");
		assertThat(served()).isEqualTo(previous);
	}

	@Test
	void jpegWithABrokenIccProfileIsAccepted() {
		byte[] jpeg = TestImages
			.withBrokenIccProfile(TestImages.encode(TestImages.halves(64, 64, Color.RED, Color.BLUE), "jpeg"));

		Response upload = uploadAvatar(this.userId, "image/jpeg", jpeg);

		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		assertThat(TestImages.near(TestImages.decode(served()).getRGB(10, 32), Color.RED, 40)).isTrue();
	}

	@Test
	void concurrentUploadsLeaveOneAvatarAndNoOrphans() throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.List<java.util.concurrent.Future<Integer>> uploads = new java.util.ArrayList<>();
		for (int i = 0; i < 16; i++) {
			byte[] image = TestImages.encode(TestImages.noise(24, 24, TestImages.distinctSeed()), "png");
			uploads.add(pool.submit(() -> uploadAvatar(this.userId, "image/png", image).status()));
		}
		for (java.util.concurrent.Future<Integer> upload : uploads) {
			assertThat(upload.get()).isEqualTo(200);
		}
		pool.shutdown();

		String shown = this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username))
			.header("ETag")
			.replace("\"", "");
		Integer orphans = this.jdbc.queryForObject(
				"select count(*) from avatars a where not exists (select 1 from users u where u.avatar_hash = a.hash)",
				Integer.class);
		assertThat(orphans).isZero();
		assertThat(
				this.jdbc.queryForObject("select avatar_hash from users where user_id = ?", String.class, this.userId))
			.isEqualTo(shown);
	}

	@Test
	void uploadForAnUnknownUserIs404() {
		assertProblem(uploadAvatar("no_such_user", "image/png", TestImages.encode(TestImages.noise(8, 8, 1), "png")),
				404);
	}

	@Test
	void deletingTheAvatarMakesGetAvatar404AndIsIdempotent() {
		uploadValidAvatar();

		assertThat(admin("DELETE", "/admin/users/" + this.userId + "/avatar", null).status()).isEqualTo(204);
		assertThat(admin("DELETE", "/admin/users/" + this.userId + "/avatar", null).status()).isEqualTo(204);

		assertSeedError(this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username)), 404, 404, "用户不存在");
		assertThat(admin("GET", "/admin/users/" + this.userId, null).json().get("avatarUrl").isNull()).isTrue();
	}

	@Test
	void replacedImageIsNoLongerServedByItsHash() {
		uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.noise(32, 32, TestImages.distinctSeed()), "png"));
		String oldHash = this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username))
			.header("ETag")
			.replace("\"", "");

		uploadValidAvatar();

		assertSeedError(this.http.get("/avatars/" + oldHash + ".jpg"), 404, 404, "用户不存在");
	}

	private byte[] uploadValidAvatar() {
		Response upload = uploadAvatar(this.userId, "image/png",
				TestImages.encode(TestImages.noise(50, 50, TestImages.distinctSeed()), "png"));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		return served();
	}

	private byte[] served() {
		Response response = this.http.get(AvatarEndpointTest.avatarUrl(this.appid, this.username));
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private static java.util.List<String> metadataTagNames(byte[] image) throws Exception {
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
		java.util.List<String> names = new java.util.ArrayList<>();
		for (Directory directory : metadata.getDirectories()) {
			directory.getTags().forEach(tag -> names.add(tag.getTagName()));
		}
		return names;
	}

}

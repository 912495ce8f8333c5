package dev.facecard.avatar;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.StatementCounter;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renditions (README, "Image work"): an upload stores 256- and 64-pixel renditions; those
 * sizes are their bytes, nothing decoded; nearby sizes are resized from them; avatars
 * without renditions are resized from the stored image as before.
 */
class AvatarRenditionTest extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	private String appid;

	@BeforeEach
	void app() {
		this.appid = newApp();
	}

	@Test
	void anUploadStoresARenditionOfEachSideTheImageDoesNotFit() {
		String large = upload("large", TestImages.halves(1024, 768, Color.RED, Color.BLUE));
		String medium = upload("medium", TestImages.halves(200, 100, Color.RED, Color.BLUE));
		String small = upload("small", TestImages.halves(60, 40, Color.RED, Color.BLUE));

		assertThat(renditions(large)).containsExactly(List.of(64, 64, 48), List.of(256, 256, 192));
		assertThat(renditions(medium)).containsExactly(List.of(64, 64, 32));
		assertThat(renditions(small)).isEmpty();
		for (int side : new int[] { 64, 256 }) {
			BufferedImage rendition = TestImages.decode(renditionBytes(large, side));
			assertThat(TestImages.near(rendition.getRGB(side / 8, side / 8), Color.RED, 40)).isTrue();
			assertThat(TestImages.near(rendition.getRGB(side - side / 8, side / 8), Color.BLUE, 40)).isTrue();
		}
	}

	@Test
	void sizes64And256AreTheRenditionsBytesWithNothingDecoded() {
		String hash = upload("13800138000", TestImages.photoLike(1024, 1024, 41));
		double resizesBefore = resizes();

		for (int side : new int[] { 64, 256 }) {
			for (String url : List.of("/avatars/" + hash + ".jpg?size=" + side,
					AvatarEndpointTest.avatarUrl(this.appid, "13800138000") + "&size=" + side)) {
				Response response = this.http.get(url);
				assertThat(response.status()).as(url).isEqualTo(200);
				assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
				assertThat(response.header("ETag")).isEqualTo("\"" + hash + "-" + side + "\"");
				assertThat(response.body()).as(url).isEqualTo(renditionBytes(hash, side));
				assertThat(this.http.get(url, "If-None-Match", response.header("ETag")).status()).isEqualTo(304);
			}
		}
		assertThat(resizes()).isEqualTo(resizesBefore);
	}

	@Test
	void aColdSizeThatARenditionAnswersIsReadWithItsLookupInOneStatement() {
		int avatar = 0;
		for (boolean webp : new boolean[] { false, true }) {
			String[] accept = webp ? new String[] { "Accept", "image/webp" } : new String[0];
			for (int side : new int[] { 64, 256 }) {
				String username = "cold" + avatar++;
				String byUsername = upload(username, TestImages.photoLike(1024, 1024, TestImages.distinctSeed()));
				String byHash = upload("cold" + avatar++, TestImages.photoLike(1024, 1024, TestImages.distinctSeed()));
				Map<String, String> urls = Map.of(byUsername,
						AvatarEndpointTest.avatarUrl(this.appid, username) + "&size=" + side, byHash,
						"/avatars/" + byHash + (webp ? ".webp" : ".jpg") + "?size=" + side);
				urls.forEach((hash, url) -> {
					Response[] answer = new Response[1];
					List<String> statements = StatementCounter.statements(() -> answer[0] = this.http.get(url, accept));

					assertThat(answer[0].status()).as(url).isEqualTo(200);
					assertThat(answer[0].body()).as(url).isEqualTo(renditionBytes(hash, side, webp));
					assertThat(statements).as(url).hasSize(1);
					assertThat(StatementCounter.count(() -> this.http.get(url, accept))).as(url).isZero();
				});
			}
		}
	}

	@Test
	void aColdSizeTheStoredImageFitsIsReadWithItsLookupInOneStatement() {
		int avatar = 0;
		for (boolean webp : new boolean[] { false, true }) {
			String[] accept = webp ? new String[] { "Accept", "image/webp" } : new String[0];
			String username = "fits" + avatar++;
			String byUsername = upload(username, TestImages.photoLike(60, 40, TestImages.distinctSeed()));
			String byHash = upload("fits" + avatar++, TestImages.photoLike(60, 40, TestImages.distinctSeed()));
			Map<String, String> urls = Map.of(byUsername,
					AvatarEndpointTest.avatarUrl(this.appid, username) + "&size=64", byHash,
					"/avatars/" + byHash + (webp ? ".webp" : ".jpg") + "?size=64");
			urls.forEach((hash, url) -> {
				Response[] answer = new Response[1];
				List<String> statements = StatementCounter.statements(() -> answer[0] = this.http.get(url, accept));

				assertThat(answer[0].status()).as(url).isEqualTo(200);
				assertThat(answer[0].body()).as(url)
					.isEqualTo(this.jdbc.queryForObject(
							"select " + (webp ? "webp" : "jpeg") + " from avatars where hash = ?", byte[].class, hash));
				assertThat(statements).as(url).hasSize(1);
				assertThat(StatementCounter.count(() -> this.http.get(url, accept))).as(url).isZero();
			});
		}
	}

	@Test
	void otherSizesAreResizedToTheDimensionsOfTheStoredImage() {
		String hash = upload("13900139000", TestImages.halves(1000, 333, Color.RED, Color.BLUE));
		double resizesBefore = resizes();

		// from the 64 rendition (25 × 2.5 <= 64), the 256 (100 × 2.5 <= 256), the stored
		// image
		Map<Integer, List<Integer>> expected = Map.of(25, List.of(25, 8), 100, List.of(100, 33), 103, List.of(103, 34),
				500, List.of(500, 167), 999, List.of(999, 333));
		expected.forEach((size, dimensions) -> {
			Response response = this.http.get("/avatars/" + hash + ".jpg?size=" + size);
			assertThat(response.status()).isEqualTo(200);
			BufferedImage image = TestImages.decode(response.body());
			assertThat(List.of(image.getWidth(), image.getHeight())).as("size %d", size).isEqualTo(dimensions);
			assertThat(TestImages.near(image.getRGB(image.getWidth() / 8, image.getHeight() / 2), Color.RED, 40))
				.as("size %d", size)
				.isTrue();
			assertThat(TestImages.near(image.getRGB(image.getWidth() * 7 / 8, image.getHeight() / 2), Color.BLUE, 40))
				.as("size %d", size)
				.isTrue();
		});
		assertThat(resizes()).isEqualTo(resizesBefore + expected.size());
	}

	@Test
	void anAvatarStoredWithoutRenditionsIsResizedFromTheStoredImage() {
		String hash = upload("13700137000", TestImages.noise(300, 200, TestImages.distinctSeed()));
		// as if stored before renditions existed (before its first lookup)
		this.jdbc.update("delete from avatar_renditions where hash = ?", hash);
		double resizesBefore = resizes();

		Response response = this.http.get(AvatarEndpointTest.avatarUrl(this.appid, "13700137000") + "&size=64");

		assertThat(response.status()).isEqualTo(200);
		BufferedImage image = TestImages.decode(response.body());
		assertThat(List.of(image.getWidth(), image.getHeight())).isEqualTo(List.of(64, 43));
		assertThat(resizes()).isEqualTo(resizesBefore + 1);
		assertThat(response.body()).isNotEqualTo(renditionOf(hash));
	}

	@Test
	void renditionsGoWithTheirAvatar() {
		String userId = newUser(this.appid, "leaving", null).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png",
				TestImages.encode(TestImages.noise(300, 300, TestImages.distinctSeed()), "png"));
		String hash = upload.json().get("etag").stringValue().replace("\"", "");
		assertThat(renditions(hash)).hasSize(2);

		assertThat(admin("DELETE", "/admin/users/" + userId + "/avatar", null).status()).isEqualTo(204);

		assertThat(renditions(hash)).isEmpty();
	}

	/** What the 64 rendition would have been: no such row. */
	private byte[] renditionOf(String hash) {
		return this.jdbc
			.query("select jpeg from avatar_renditions where hash = ? and side = 64", (row, i) -> row.getBytes(1), hash)
			.stream()
			.findFirst()
			.orElse(new byte[0]);
	}

	private String upload(String username, BufferedImage image) {
		String userId = newUser(this.appid, username, null).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/png", TestImages.encode(image, "png"));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		return upload.json().get("etag").stringValue().replace("\"", "");
	}

	/** Side, width and height of each rendition of {@code hash}, smallest first. */
	private List<List<Integer>> renditions(String hash) {
		return this.jdbc.query("select side, width, height from avatar_renditions where hash = ? order by side",
				(row, i) -> List.of(row.getInt(1), row.getInt(2), row.getInt(3)), hash);
	}

	private byte[] renditionBytes(String hash, int side) {
		return renditionBytes(hash, side, false);
	}

	private byte[] renditionBytes(String hash, int side, boolean webp) {
		return this.jdbc.queryForObject(
				"select " + (webp ? "webp" : "jpeg") + " from avatar_renditions where hash = ? and side = ?",
				byte[].class, hash, side);
	}

	private double resizes() {
		return this.meters.counter("facecard.avatar.resizes").count();
	}

}

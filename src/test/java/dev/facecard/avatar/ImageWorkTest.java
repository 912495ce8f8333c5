package dev.facecard.avatar;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import dev.facecard.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image work (README, Hostile input): image work on the read path is bounded. Here one
 * slot and a 10 ms wait, so real resizes of a large avatar sent at once saturate it; a
 * resize budget of 3 per client IP, clients told apart by {@code X-Forwarded-For} (Tomcat
 * trusts it from loopback).
 */
@TestPropertySource(
		properties = { "facecard.avatar.image-work.concurrency=1", "facecard.avatar.image-work.max-wait=10ms",
				"facecard.rate-limit.resizes.limit=3", "server.forward-headers-strategy=native" })
class ImageWorkTest extends IntegrationTest {

	@Test
	void aSizeTheStoredAvatarFitsIsTheStoredBytesWithoutDecoding() {
		String appid = newApp();
		String hash = upload(appid, "13800138000", TestImages.halves(300, 200, Color.RED, Color.BLUE), "png");
		String ip = "192.0.2.11";
		byte[] stored = this.http.get("/avatars/" + hash + ".jpg", "X-Forwarded-For", ip).body();
		double resizesBefore = metric("facecard_avatar_resizes_total");

		for (int size : new int[] { 300, 640, 1024 }) {
			for (String url : List.of("/avatars/" + hash + ".jpg?size=" + size,
					AvatarEndpointTest.avatarUrl(appid, "13800138000") + "&size=" + size)) {
				Response response = this.http.get(url, "X-Forwarded-For", ip);
				assertThat(response.status()).as(url).isEqualTo(200);
				assertThat(response.body()).as(url).isEqualTo(stored);
				assertThat(response.header("ETag")).isEqualTo("\"" + hash + "-" + size + "\"");
				assertThat(response.header("X-RateLimit-Limit")).as("no resize, no budget spent").isNull();
			}
		}
		assertThat(metric("facecard_avatar_resizes_total")).isEqualTo(resizesBefore);

		Response resized = this.http.get("/avatars/" + hash + ".jpg?size=299", "X-Forwarded-For", ip);
		assertThat(TestImages.decode(resized.body()).getWidth()).isEqualTo(299);
		assertThat(metric("facecard_avatar_resizes_total")).isEqualTo(resizesBefore + 1);
	}

	@Test
	void resizesBeyondTheBoundAre503InTheAvatarFormatAndNever500() throws Exception {
		String appid = newApp();
		String hash = upload(appid, "13900139000", TestImages.noise(1024, 1024, 11), "jpeg");
		double refusalsBefore = metric("facecard_avatar_image_work_refusals_total");
		int requests = 24;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> answers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(requests);
		try {
			for (int i = 0; i < requests; i++) {
				// sizes the avatar does not fit, each new; each client of its own, so no
				// budget runs out
				String url = "/avatars/" + hash + ".jpg?size=" + (900 + i);
				String ip = "198.18.0." + (i + 1);
				answers.add(clients.submit(() -> {
					start.await();
					return this.http.get(url, "X-Forwarded-For", ip);
				}));
			}
			start.countDown();
			int served = 0;
			int refused = 0;
			for (int i = 0; i < requests; i++) {
				Response response = answers.get(i).get();
				assertThat(response.status()).as(response.toString()).isIn(200, 503);
				if (response.status() == 200) {
					BufferedImage image = TestImages.decode(response.body());
					assertThat(image.getWidth()).isEqualTo(900 + i);
					served++;
				}
				else {
					assertThat(response.header("Content-Type")).startsWith("application/json");
					assertThat(response.json().propertyNames()).containsExactly("code", "msg");
					assertThat(response.json().get("code").intValue()).isEqualTo(503);
					assertThat(response.json().get("msg").stringValue()).isEqualTo("服务暂不可用");
					assertThat(response.header("Retry-After")).isEqualTo("1");
					refused++;
				}
			}
			assertThat(served).as("the slot served some").isPositive();
			assertThat(refused).as("one slot cannot resize 24 large images within 10 ms each").isPositive();
			assertThat(metric("facecard_avatar_image_work_refusals_total")).isEqualTo(refusalsBefore + refused);
		}
		finally {
			clients.shutdownNow();
		}
		// once the burst is over, the slot is free again
		assertThat(this.http.get("/avatars/" + hash + ".jpg?size=64", "X-Forwarded-For", "198.18.1.1").status())
			.isEqualTo(200);
	}

	@Test
	void eachClientPaysForTheResizesItCausesAndOnlyForThose() {
		String appid = newApp();
		String hash = upload(appid, "13700137000", TestImages.noise(400, 400, 5), "png");
		String byUsername = AvatarEndpointTest.avatarUrl(appid, "13700137000");
		String client = "203.0.113.21";

		// three resizes spend the budget of 3 (the answers, which shared caches keep,
		// carry no client's budget)
		assertResized(this.http.get(byUsername + "&size=100", "X-Forwarded-For", client));
		assertResized(this.http.get("/avatars/" + hash + ".jpg?size=101", "X-Forwarded-For", client));
		assertResized(this.http.get(byUsername + "&size=102", "X-Forwarded-For", client));
		double rejectionsBefore = metric("facecard_rate_limit_rejections_total", "limit=\"resizes\"");

		for (String url : List.of(byUsername + "&size=103", "/avatars/" + hash + ".jpg?size=104")) {
			Response refused = this.http.get(url, "X-Forwarded-For", client);
			assertThat(refused.status()).as(url).isEqualTo(429);
			assertThat(refused.header("Content-Type")).startsWith("application/json");
			assertThat(refused.json().propertyNames()).containsExactly("code", "msg");
			assertThat(refused.json().get("code").intValue()).isEqualTo(429);
			assertThat(refused.json().get("msg").stringValue()).isEqualTo("请求过于频繁");
			assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");
			assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
			assertThat(refused.header("X-RateLimit-Reset")).isNotNull();
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		}
		assertThat(metric("facecard_rate_limit_rejections_total", "limit=\"resizes\"")).isEqualTo(rejectionsBefore + 2);

		// what costs no resize still loads: cached sizes (by either URL), the avatar
		// itself, a size it fits
		for (String url : List.of(byUsername + "&size=100", "/avatars/" + hash + ".jpg?size=100",
				"/avatars/" + hash + ".jpg?size=101", byUsername, "/avatars/" + hash + ".jpg",
				byUsername + "&size=400")) {
			Response response = this.http.get(url, "X-Forwarded-For", client);
			assertThat(response.status()).as(url).isEqualTo(200);
			assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
			assertThat(response.header("X-RateLimit-Limit")).as(url).isNull();
		}
		// another client has a budget of its own
		Response other = this.http.get(byUsername + "&size=103", "X-Forwarded-For", "203.0.113.22");
		assertThat(other.status()).isEqualTo(200);
		assertThat(TestImages.decode(other.body()).getWidth()).isEqualTo(103);
		assertResized(other);
	}

	@Test
	void renditionSizesCostNeitherBudgetNorSlot() {
		String appid = newApp();
		String client = "203.0.113.31";
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String username = "1360013600" + i;
			String hash = upload(appid, username, TestImages.noise(600, 400, TestImages.distinctSeed()), "png");
			for (int side : new int[] { 64, 256 }) {
				urls.add("/avatars/" + hash + ".jpg?size=" + side);
				urls.add(AvatarEndpointTest.avatarUrl(appid, username) + "&size=" + side);
			}
		}
		double resizesBefore = metric("facecard_avatar_resizes_total");

		for (String url : urls) {
			Response response = this.http.get(url, "X-Forwarded-For", client);
			assertThat(response.status()).as(url).isEqualTo(200);
			assertThat(response.header("X-RateLimit-Limit")).as(url).isNull();
		}

		assertThat(metric("facecard_avatar_resizes_total")).isEqualTo(resizesBefore);
		// the whole budget of 3 is left
		for (String size : List.of("100", "101", "102")) {
			assertResized(this.http.get(urls.get(0).replace("size=64", "size=" + size), "X-Forwarded-For", client));
		}
		assertThat(this.http.get(urls.get(0).replace("size=64", "size=103"), "X-Forwarded-For", client).status())
			.isEqualTo(429);
	}

	@Test
	void webpsOfTheStoredSizeAndOfRenditionsCostNoBudgetAndAResizedOnePaysOnce() {
		String appid = newApp();
		String hash = upload(appid, "13400134000", TestImages.noise(600, 400, TestImages.distinctSeed()), "png");
		String client = "203.0.113.51";

		for (String url : List.of("/avatars/" + hash + ".webp", "/avatars/" + hash + ".webp?size=64",
				"/avatars/" + hash + ".webp?size=256", "/avatars/" + hash + ".webp?size=1000",
				AvatarEndpointTest.avatarUrl(appid, "13400134000"))) {
			Response response = this.http.get(url, "X-Forwarded-For", client, "Accept", "image/webp");
			assertThat(response.status()).as(url).isEqualTo(200);
			assertThat(response.header("Content-Type")).isEqualTo("image/webp");
		}
		// a size that needs a resize pays once for its WebP, however often it is asked
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.get("/avatars/" + hash + ".webp?size=100", "X-Forwarded-For", client).status())
				.isEqualTo(200);
		}
		for (String size : List.of("101", "102")) {
			assertResized(this.http.get("/avatars/" + hash + ".jpg?size=" + size, "X-Forwarded-For", client));
		}
		assertThat(this.http.get("/avatars/" + hash + ".webp?size=103", "X-Forwarded-For", client).status())
			.isEqualTo(429);
	}

	@Test
	void requestsWaitingForAResizeInFlightPayNothing() throws Exception {
		String appid = newApp();
		String hash = upload(appid, "13500135000", TestImages.noise(1024, 1024, TestImages.distinctSeed()), "jpeg");
		String client = "203.0.113.41";
		int requests = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> answers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(requests);
		try {
			for (int i = 0; i < requests; i++) {
				answers.add(clients.submit(() -> {
					start.await();
					return this.http.get("/avatars/" + hash + ".jpg?size=500", "X-Forwarded-For", client);
				}));
			}
			start.countDown();
			for (Future<Response> answer : answers) {
				Response response = answer.get();
				assertThat(response.status()).as(response.toString()).isEqualTo(200);
				assertThat(TestImages.decode(response.body()).getWidth()).isEqualTo(500);
			}
		}
		finally {
			clients.shutdownNow();
		}
		// one resize, paid once: 2 of the budget of 3 left
		for (String size : List.of("501", "502")) {
			assertResized(this.http.get("/avatars/" + hash + ".jpg?size=" + size, "X-Forwarded-For", client));
		}
		assertThat(this.http.get("/avatars/" + hash + ".jpg?size=503", "X-Forwarded-For", client).status())
			.isEqualTo(429);
	}

	private String upload(String appid, String username, BufferedImage image, String format) {
		String userId = newUser(appid, username, null).get("userId").stringValue();
		Response upload = uploadAvatar(userId, "image/" + format, TestImages.encode(image, format));
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		return upload.json().get("etag").stringValue().replace("\"", "");
	}

	private static void assertResized(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(response.header("X-RateLimit-Limit")).isNull();
	}

}

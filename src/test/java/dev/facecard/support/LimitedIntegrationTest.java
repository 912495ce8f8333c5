package dev.facecard.support;

import java.awt.Color;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of the rate limits and the admin API's reach: small limits, so that a
 * few requests reach them, and Tomcat trusting {@code X-Forwarded-For} from loopback (as
 * behind a local proxy), so that each test speaks from client addresses of its own. One
 * application context for all of them.
 */
@TestPropertySource(properties = { "facecard.rate-limit.authenticated.limit=3", "facecard.rate-limit.anonymous.limit=4",
		"facecard.rate-limit.avatar-misses.limit=2", "facecard.rate-limit.resizes.limit=2",
		"facecard.rate-limit.key-failures.limit=3", "facecard.rate-limit.admin-failures.limit=3",
		"facecard.admin.allowed-networks=127.0.0.0/8, ::1, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, "
				+ "2001:db8:1::/48",
		"server.forward-headers-strategy=native" })
public abstract class LimitedIntegrationTest extends IntegrationTest {

	/**
	 * Traffic that the metrics tests look for: a new user's avatar uploaded and an upload
	 * refused, two hits of that avatar from {@code hitClient}, and lookups of a missing
	 * user from {@code missClient} until its miss budget (2) is spent: 404, 404, 429.
	 * @return the new app's appid
	 */
	protected String avatarTraffic(String hitClient, String missClient) {
		String appid = newApp();
		String userId = newUser(appid, "13811112222", null).get("userId").stringValue();
		byte[] png = TestImages.encode(TestImages.halves(32, 32, Color.RED, Color.RED), "png");
		assertThat(uploadAvatar(userId, "image/png", png).status()).isEqualTo(200);
		assertThat(uploadAvatar(userId, "image/png", "not an image".getBytes()).status()).isEqualTo(400);
		// each client of its own: a spent miss budget refuses hits too
		String avatar = "/api/user/get_avatar?appid=" + appid + "&user=13811112222";
		assertThat(this.http.get(avatar, "X-Forwarded-For", hitClient).status()).isEqualTo(200);
		assertThat(this.http.get(avatar, "X-Forwarded-For", hitClient).status()).isEqualTo(200);
		String miss = "/api/user/get_avatar?appid=" + appid + "&user=13899998888";
		assertThat(this.http.get(miss, "X-Forwarded-For", missClient).status()).isEqualTo(404);
		assertThat(this.http.get(miss, "X-Forwarded-For", missClient).status()).isEqualTo(404);
		assertThat(this.http.get(miss, "X-Forwarded-For", missClient).status()).isEqualTo(429);
		return appid;
	}

}

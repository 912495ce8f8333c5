package dev.facecard.shared.cache;

import java.time.Duration;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestImages;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While this instance hears the change notifications of the others, a profile card and a
 * username's avatar outlive {@code facecard.cache.ttl}; once the listening connection is
 * lost, nothing loaded before it is served, so a change it may have missed shows within
 * the TTL. A change written straight into the database stands in for one whose
 * notification went unheard: no admin write, no event, no notification.
 */
class NotifiedCachingTest extends IntegrationTest {

	private static final Duration TTL = Duration.ofSeconds(5);

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aCardOutlivesTheTtlWhileChangesAreHeardAndNotALostConnection() throws InterruptedException {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(this.trust::hearsEveryChange);
		assertThat(metric("facecard_cache_changes_heard")).isEqualTo(1);
		String appid = newApp();
		String userId = newUser(appid, "kept", "\"nickname\":\"Before\"").get("userId").stringValue();
		String pictured = newUser(appid, "pictured", null).get("userId").stringValue();
		assertThat(uploadAvatar(pictured, "image/png",
				TestImages.encode(TestImages.noise(30, 30, TestImages.distinctSeed()), "png"))
			.status()).isEqualTo(200);
		String avatar = "/api/user/get_avatar?appid=" + appid + "&user=pictured";
		assertThat(nickname(userId)).isEqualTo("Before");
		assertThat(this.http.get(avatar).status()).isEqualTo(200);
		this.jdbc.update("update users set nickname = 'Unheard' where user_id = ?", userId);
		// banned, not stripped of the avatar: no image left that nobody shows
		this.jdbc.update("update users set banned = true where user_id = ?", pictured);

		Thread.sleep(TTL.plusMillis(500).toMillis());
		assertThat(nickname(userId)).isEqualTo("Before");
		assertThat(this.http.get(avatar).status()).isEqualTo(200);

		Integer terminated = this.jdbc.queryForObject("select count(*) from (select pg_terminate_backend(pid)"
				+ " from pg_stat_activity where application_name = 'facecard-change-notifications'"
				+ " and datname = current_database()) listeners", Integer.class);
		// this context's listener, and those of other test contexts still open on the
		// same
		// database, which connect again as this one does
		assertThat(terminated).isPositive();
		// nothing asks for the card until the listener has noticed and listens again
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> !this.trust.hearsEveryChange());
		assertThat(metric("facecard_cache_changes_heard")).isEqualTo(0);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(this.trust::hearsEveryChange);
		assertThat(nickname(userId)).isEqualTo("Unheard");
		assertThat(this.http.get(avatar).json().get("code").intValue()).isEqualTo(404);
	}

	private String nickname(String userId) {
		return this.http.get("/api/get-public-user-profile?userId=" + userId).json().get("nickname").stringValue();
	}

}

package dev.facecard.shared.cache;

import java.time.Duration;

import dev.facecard.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While this instance hears the change notifications of the others, a profile card
 * outlives {@code facecard.cache.ttl}; once the listening connection is lost, nothing
 * loaded before it is served, so a change it may have missed shows within the TTL. A
 * change written straight into the database stands in for one whose notification went
 * unheard: no admin write, no event, no notification.
 */
class NotifiedCachingTest extends IntegrationTest {

	private static final Duration TTL = Duration.ofSeconds(5);

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private CacheTrust trust;

	@Test
	void aCardOutlivesTheTtlWhileChangesAreHeardAndNotALostConnection() throws InterruptedException {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(this.trust::hearsEveryChange);
		assertThat(metric("facecard_cache_changes_heard")).isEqualTo(1);
		String userId = newUser(newApp(), "kept", "\"nickname\":\"Before\"").get("userId").stringValue();
		assertThat(nickname(userId)).isEqualTo("Before");
		this.jdbc.update("update users set nickname = 'Unheard' where user_id = ?", userId);

		Thread.sleep(TTL.plusMillis(500).toMillis());
		assertThat(nickname(userId)).isEqualTo("Before");

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
	}

	private String nickname(String userId) {
		return this.http.get("/api/get-public-user-profile?userId=" + userId).json().get("nickname").stringValue();
	}

}

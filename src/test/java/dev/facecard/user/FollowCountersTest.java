package dev.facecard.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Follower and following counters stay equal to the follow rows, whatever the order and
 * concurrency.
 */
class FollowCountersTest extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void repeatedFollowsAndUnfollowsMoveEachCounterOnce() {
		String appid = newApp();
		String alice = newUser(appid, "alice", null).get("userId").stringValue();
		String bob = newUser(appid, "bob", null).get("userId").stringValue();

		for (int i = 0; i < 3; i++) {
			assertThat(follow("PUT", alice, bob).status()).isEqualTo(204);
		}
		assertCounts(alice, 0, 1);
		assertCounts(bob, 1, 0);

		follow("PUT", bob, alice);
		assertCounts(alice, 1, 1);
		assertCounts(bob, 1, 1);

		for (int i = 0; i < 3; i++) {
			assertThat(follow("DELETE", alice, bob).status()).isEqualTo(204);
		}
		assertCounts(alice, 1, 0);
		assertCounts(bob, 0, 1);
	}

	@Test
	void followingMovesUpdatedAtOfBothUsers() throws InterruptedException {
		String appid = newApp();
		JsonNode alice = newUser(appid, "alice", null);
		JsonNode bob = newUser(appid, "bob", null);
		Thread.sleep(5);

		follow("PUT", alice.get("userId").stringValue(), bob.get("userId").stringValue());

		assertThat(user(alice.get("userId").stringValue()).get("updatedAt").longValue())
			.isGreaterThan(alice.get("updatedAt").longValue());
		assertThat(user(bob.get("userId").stringValue()).get("updatedAt").longValue())
			.isGreaterThan(bob.get("updatedAt").longValue());
	}

	@Test
	void concurrentFollowsAndUnfollowsKeepCountersExact() throws Exception {
		String appid = newApp();
		List<String> users = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			users.add(newUser(appid, "user" + i, null).get("userId").stringValue());
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Integer>> results = new ArrayList<>();
		Random random = new Random(42);
		for (int i = 0; i < 400; i++) {
			String from = users.get(random.nextInt(users.size()));
			String to = users.get(random.nextInt(users.size()));
			if (from.equals(to)) {
				continue;
			}
			String method = random.nextInt(3) == 0 ? "DELETE" : "PUT";
			results.add(pool.submit(() -> follow(method, from, to).status()));
		}
		for (Future<Integer> result : results) {
			assertThat(result.get()).isEqualTo(204);
		}
		pool.shutdown();

		for (String userId : users) {
			int followers = this.jdbc.queryForObject("select count(*) from follows where followee_id = ?",
					Integer.class, userId);
			int following = this.jdbc.queryForObject("select count(*) from follows where follower_id = ?",
					Integer.class, userId);
			assertCounts(userId, followers, following);
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from follows f join users u on u.user_id = f.follower_id " + "where u.appid = ?",
				Integer.class, appid))
			.isPositive();
	}

	@Test
	void sameFollowSentConcurrentlyCountsOnce() throws Exception {
		String appid = newApp();
		String fan = newUser(appid, "fan", null).get("userId").stringValue();
		String star = newUser(appid, "star", null).get("userId").stringValue();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			results.add(pool.submit(() -> follow("PUT", fan, star).status()));
		}
		for (Future<Integer> result : results) {
			assertThat(result.get()).isEqualTo(204);
		}
		pool.shutdown();

		assertCounts(star, 1, 0);
		assertCounts(fan, 0, 1);
	}

	private Response follow(String method, String from, String to) {
		return admin(method, "/admin/users/" + from + "/following/" + to, null);
	}

	private JsonNode user(String userId) {
		return admin("GET", "/admin/users/" + userId, null).json();
	}

	private void assertCounts(String userId, long followers, long following) {
		JsonNode user = user(userId);
		assertThat(user.get("followerCount").longValue()).as("followers of " + userId).isEqualTo(followers);
		assertThat(user.get("followingCount").longValue()).as("following of " + userId).isEqualTo(following);
	}

}

package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.facecard.support.HeldStatements;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that answers, but slowly: card misses, single or in a batch, wait in line
 * behind the one card statement allowed at a time (ProfileService's BatchingLoader), and
 * isFollowing misses and own profiles behind the one of their own lines, for at most
 * {@code facecard.cache.profile-miss-wait}, then answer 503 in the endpoint's format, so
 * a slow database cannot gather every request in those lines. Such a refusal is told
 * apart from a database that fails: its own detail, Retry-After, its own counter, and no
 * "Database unavailable" log line.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "facecard.cache.profile-miss-wait=500ms")
class CardMissWaitTest extends IntegrationTest {

	@Autowired
	private ProfileService profiles;

	@Test
	void aMissWhoseTurnDoesNotComeWithinTheWaitIs503AndTheHeldOnesStillAnswer(CapturedOutput output) throws Exception {
		String appid = newApp();
		String third = newUser(appid, "third", "\"nickname\":\"Third\"").get("userId").stringValue();

		assertRefusedWhileTheStatementIsHeld(appid, () -> post(third), output);

		Response card = post(third);
		assertThat(card.status()).isEqualTo(200);
		assertThat(card.json().get("nickname").stringValue()).isEqualTo("Third");
	}

	@Test
	void aBatchsMissesWaitInTheSameLineAndAre503WhenTheirTurnDoesNotCome(CapturedOutput output) throws Exception {
		String appid = newApp();
		String third = newUser(appid, "third", "\"nickname\":\"Third\"").get("userId").stringValue();
		String fourth = newUser(appid, "fourth", "\"nickname\":\"Fourth\"").get("userId").stringValue();
		String batch = "{\"userIds\":[\"" + third + "\",\"" + fourth + "\"]}";

		// a statement of its own would have answered at once, past the one held
		assertRefusedWhileTheStatementIsHeld(appid, () -> postBatch(batch), output);

		Response cards = postBatch(batch);
		assertThat(cards.status()).as(cards.toString()).isEqualTo(200);
		assertThat(cards.json().get("profiles").valueStream().map(card -> card.get("nickname").stringValue()))
			.containsExactly("Third", "Fourth");
	}

	@Test
	void anIsFollowingMissWaitsInItsOwnLineAndIs503WhenItsTurnDoesNotCome(CapturedOutput output) throws Exception {
		String appid = newApp();
		String star = newUser(appid, "star", "\"nickname\":\"Star\"").get("userId").stringValue();
		String first = newUser(appid, "first", null).get("userId").stringValue();
		String third = newUser(appid, "third", null).get("userId").stringValue();
		assertThat(admin("PUT", "/admin/users/" + first + "/following/" + star, null).status()).isEqualTo(204);
		String firstKey = token(first);
		String thirdKey = token(third);
		// the card is cached: only the two isFollowing lookups miss
		assertThat(post(star).status()).isEqualTo(200);

		assertRefusedWhileTheStatementIsHeld("where (follower_id, followee_id) in", () -> post(star, firstKey),
				() -> post(star, thirdKey), output);

		Response card = post(star, thirdKey);
		assertThat(card.status()).as(card.toString()).isEqualTo(200);
		assertThat(card.json().get("isFollowing").booleanValue()).isFalse();
		assertThat(post(star, firstKey).json().get("isFollowing").booleanValue()).isTrue();
	}

	@Test
	void anOwnProfileWaitsInItsOwnLineAndIs503WhenItsTurnDoesNotCome(CapturedOutput output) throws Exception {
		String appid = newApp();
		String first = newUser(appid, "first", null).get("userId").stringValue();
		String third = newUser(appid, "third", "\"nickname\":\"Third\"").get("userId").stringValue();
		String firstKey = token(first);
		String thirdKey = token(third);

		assertRefusedWhileTheStatementIsHeld("u.username, u.appid from users u where u.user_id in", () -> own(firstKey),
				() -> own(thirdKey), output);

		Response own = own(thirdKey);
		assertThat(own.status()).as(own.toString()).isEqualTo(200);
		assertThat(own.json().get("nickname").stringValue()).isEqualTo("Third");
	}

	private void assertRefusedWhileTheStatementIsHeld(String appid, Supplier<Response> request, CapturedOutput output)
			throws Exception {
		String first = newUser(appid, "first", null).get("userId").stringValue();
		assertRefusedWhileTheStatementIsHeld("where u.user_id in", () -> post(first), request, output);
	}

	/**
	 * Holds the statement of a line (a miss, {@code heldRequest}, whose statement
	 * contains {@code sqlText}) long past the wait, sends {@code request} meanwhile, and
	 * checks that it is refused after its wait, long before the statement ends, as its
	 * own kind of 503 (counted once, not logged as a database failure); then that the
	 * held one answers.
	 */
	private void assertRefusedWhileTheStatementIsHeld(String sqlText, Callable<Response> heldRequest,
			Supplier<Response> request, CapturedOutput output) throws Exception {
		double refusalsBefore = metric("facecard_profile_miss_refusals_total");
		try (HeldStatements held = HeldStatements.hold(List.of(sqlText), 6000, List.of(heldRequest))) {
			long started = System.nanoTime();
			Response refused = request.get();
			long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
			assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(refused.json().get("status").intValue()).isEqualTo(503);
			assertThat(refused.json().get("detail").stringValue()).isEqualTo("Too many profile lookups at once.");
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(refused.text()).doesNotContain("Exception").doesNotContain("SQL");
			assertThat(metric("facecard_profile_miss_refusals_total")).isEqualTo(refusalsBefore + 1);
			assertThat(output.getAll()).doesNotContain("Database unavailable");
			assertThat(waitedMillis).isBetween(500L, 2500L);
			assertThat(this.profiles.missesInLine()).isZero();
			assertThat(held.answers()).extracting(Response::status).containsOnly(200);
		}
	}

	private Response postBatch(String body) {
		return this.http.send("POST", "/api/get-public-user-profiles", body.getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");
	}

	private Response post(String userId) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json");
	}

	private Response post(String userId, String key) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
				"Authorization", "Bearer " + key);
	}

	private Response own(String key) {
		return this.http.send("POST", "/api/get-user-profile", "{}".getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json", "Authorization", "Bearer " + key);
	}

	private String token(String userId) {
		return admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
	}

}

package dev.facecard.avatar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import dev.facecard.support.HeldStatements;
import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that answers, but slowly: avatar lookups that miss their cache take one of
 * the four avatar statements allowed at a time (AvatarLookups), wait for one at most
 * {@code facecard.cache.lookup-wait}, then answer 503 in the nobase format, so a flood of
 * misses from many clients holds at most four pool connections. Such a refusal has its
 * own counter and is not logged as a database failure.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "facecard.cache.lookup-wait=500ms")
class AvatarLookupWaitTest extends IntegrationTest {

	@Test
	void aLookupWhoseTurnDoesNotComeWithinTheWaitIs503AndTheHeldOnesStillAnswer(CapturedOutput output)
			throws Exception {
		String appid = newApp();
		List<String> users = new ArrayList<>();
		for (int i = 0; i < AvatarLookups.MAX_LOOKUP_STATEMENTS + 1; i++) {
			users.add(newUser(appid, "1390013900" + i, null).get("username").stringValue());
		}
		double refusalsBefore = metric("facecard_avatar_lookup_refusals_total");
		List<Callable<Response>> lookups = users.subList(0, AvatarLookups.MAX_LOOKUP_STATEMENTS)
			.stream()
			.<Callable<Response>>map(username -> () -> this.http.get(AvatarEndpointTest.avatarUrl(appid, username)))
			.toList();
		try (HeldStatements held = HeldStatements.hold(List.of("join avatars a on a.hash = u.avatar_hash"), 6000,
				lookups)) {
			long started = System.nanoTime();
			Response refused = this.http
				.get(AvatarEndpointTest.avatarUrl(appid, users.get(AvatarLookups.MAX_LOOKUP_STATEMENTS)));
			long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
			assertThat(refused.header("Content-Type")).startsWith("application/json");
			assertThat(refused.json().propertyNames()).containsExactly("code", "msg");
			assertThat(refused.json().get("code").intValue()).isEqualTo(503);
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(metric("facecard_avatar_lookup_refusals_total")).isEqualTo(refusalsBefore + 1);
			assertThat(output.getAll()).doesNotContain("Database unavailable");
			assertThat(waitedMillis).isBetween(500L, 2500L);
			// users without an avatar: the contract's not-found answer, not a refusal
			assertThat(held.answers()).extracting(Response::status).containsOnly(404);
		}

		// once they are done, the refused lookup is answered
		Response answered = this.http
			.get(AvatarEndpointTest.avatarUrl(appid, users.get(AvatarLookups.MAX_LOOKUP_STATEMENTS)));
		assertThat(answered.status()).as(answered.toString()).isEqualTo(404);
		assertThat(answered.json().get("code").intValue()).isEqualTo(404);
	}

}

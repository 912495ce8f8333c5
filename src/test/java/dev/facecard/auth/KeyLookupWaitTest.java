package dev.facecard.auth;

import java.nio.charset.StandardCharsets;
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
 * A database that answers, but slowly: API keys that are not cached are looked up in one
 * of the two key statements allowed at a time (ApiKeyAuthenticator); a key whose lookup
 * finds both busy for {@code facecard.cache.lookup-wait} is a 503 in the endpoint's
 * format, before any budget is spent and without a "Database unavailable" line, so
 * made-up keys from many clients hold at most two pool connections.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "facecard.cache.lookup-wait=500ms")
class KeyLookupWaitTest extends IntegrationTest {

	private static final String PATH = "/api/get-public-user-profile";

	@Test
	void aKeyWhoseLookupFindsEveryStatementBusyIs503AndTheHeldOnesStillAnswer(CapturedOutput output) throws Exception {
		String appid = newApp();
		String userId = newUser(appid, "keyed", null).get("userId").stringValue();
		String key = admin("POST", "/admin/users/" + userId + "/api-keys", null).json().get("token").stringValue();
		double refusalsBefore = metric("facecard_api_key_lookup_refusals_total");
		// well-formed keys no one has: looked up, never cached
		List<Callable<Response>> lookups = List.of(() -> post(userId, "fc_" + "A".repeat(43)),
				() -> post(userId, "fc_" + "B".repeat(43)));
		assertThat(lookups).hasSize(ApiKeyAuthenticator.MAX_LOOKUP_STATEMENTS);
		try (HeldStatements held = HeldStatements.hold(List.of("where k.token_hash = ?"), 6000, lookups)) {
			long started = System.nanoTime();
			Response refused = post(userId, key);
			long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
			assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(refused.json().get("status").intValue()).isEqualTo(503);
			assertThat(refused.json().get("detail").stringValue()).isEqualTo("Too many key lookups at once.");
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(refused.header("X-RateLimit-Limit")).as("no budget spent").isNull();
			assertThat(metric("facecard_api_key_lookup_refusals_total")).isEqualTo(refusalsBefore + 1);
			assertThat(output.getAll()).doesNotContain("Database unavailable");
			assertThat(waitedMillis).isBetween(500L, 2500L);
			assertThat(held.answers()).extracting(Response::status).containsOnly(401);
		}

		// once they are done, the key is looked up and works
		Response answered = post(userId, key);
		assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
	}

	private Response post(String userId, String key) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		return this.http.send("POST", PATH, body, "Content-Type", "application/json", "Authorization", "Bearer " + key);
	}

}

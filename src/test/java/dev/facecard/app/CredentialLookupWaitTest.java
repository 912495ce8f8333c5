package dev.facecard.app;

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
 * A database that answers, but slowly: app credentials that are not cached are looked up
 * in the one credential statement allowed at a time (AppCredentialAuthenticator); a
 * credential whose lookup finds it busy for {@code facecard.cache.lookup-wait} is the
 * admin API's 503, before the admin-failures budget is touched and without a "Database
 * unavailable" line, so made-up credentials from many clients hold one pool connection.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "facecard.cache.lookup-wait=500ms", "facecard.rate-limit.admin-failures.limit=2" })
class CredentialLookupWaitTest extends IntegrationTest {

	@Test
	void aCredentialWhoseLookupFindsTheStatementBusyIs503AndSpendsNoBudget(CapturedOutput output) throws Exception {
		String appid = newApp();
		Response issued = admin("POST", "/admin/apps/" + appid + "/credentials", null);
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		String credential = issued.json().get("token").stringValue();
		double refusalsBefore = metric("facecard_app_credential_lookup_refusals_total");
		// a well-formed credential no one has: looked up, and spends one of the two
		// failures
		List<Callable<Response>> lookups = List.of(() -> users(appid, "fcapp_" + "A".repeat(43)));
		assertThat(lookups).hasSize(AppCredentialAuthenticator.MAX_LOOKUP_STATEMENTS);
		try (HeldStatements held = HeldStatements.hold(List.of("from app_credentials where token_hash"), 6000,
				lookups)) {
			long started = System.nanoTime();
			Response refused = users(appid, credential);
			long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
			assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(refused.json().get("status").intValue()).isEqualTo(503);
			assertThat(refused.json().get("detail").stringValue()).isEqualTo("Too many credential lookups at once.");
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(metric("facecard_app_credential_lookup_refusals_total")).isEqualTo(refusalsBefore + 1);
			assertThat(output.getAll()).doesNotContain("Database unavailable");
			assertThat(waitedMillis).isBetween(500L, 2500L);
			assertThat(held.answers()).extracting(Response::status).containsOnly(401);
		}

		// the 503 spent nothing: with one failure of two left the credential is looked up
		// and works, and the budget's last failure is still there to spend
		Response answered = users(appid, credential);
		assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
		assertThat(users(appid, "fcapp_" + "B".repeat(43)).status()).isEqualTo(401);
		assertThat(users(appid, credential).status()).isEqualTo(429);
	}

	private Response users(String appid, String credential) {
		return this.http.send("GET", "/admin/users?appid=" + appid, null, "Authorization", "Bearer " + credential);
	}

}

package dev.facecard.admin;

import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static dev.facecard.support.StatementCounter.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing the admin token: wrong tokens are limited per client IP; once an IP has used
 * its budget every admin request with a token from it is 429, the right token included,
 * while other IPs are not affected. Requests without any credential are 401 and cost
 * nothing, so they cannot lock the operator out.
 */
class AdminBruteForceTest extends LimitedIntegrationTest {

	@Test
	void wrongTokensAreLimitedPerClientIpAndTheRightTokenIsUnaffectedFromAnotherIp() {
		String attacker = "198.51.100.66";
		for (int i = 1; i <= 3; i++) {
			Response refused = apps(attacker, "Bearer guess-" + i);
			assertProblem(refused, 401);
		}
		Response locked = apps(attacker, "Bearer guess-4");
		assertProblem(locked, 429);
		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(locked.header("X-RateLimit-Remaining")).isEqualTo("0");
		// even a right guess gains nothing from a locked-out IP
		assertProblem(apps(attacker, "Bearer " + ADMIN_TOKEN), 429);

		Response operator = apps("203.0.113.10", "Bearer " + ADMIN_TOKEN);
		assertThat(operator.status()).as(operator.toString()).isEqualTo(201);
		assertProblem(apps("203.0.113.11", "Bearer guess-5"), 401);
	}

	@Test
	void requestsWithoutAnyCredentialAre401AndSpendNothing() {
		// a NAT or proxy the operator shares with strangers
		String shared = "198.51.100.67";
		for (int i = 0; i < 20; i++) {
			assertProblem(apps(shared, null), 401);
			assertProblem(apps(shared, ""), 401);
		}
		assertThat(apps(shared, "Bearer " + ADMIN_TOKEN).status()).isEqualTo(201);
		for (int i = 1; i <= 3; i++) {
			// a credential of another scheme is a guess
			assertProblem(apps(shared, "Basic Z3Vlc3M6" + i), 401);
		}
		assertProblem(apps(shared, null), 401); // still free, even while locked out
		assertProblem(apps(shared, "Bearer " + ADMIN_TOKEN), 429);
	}

	@Test
	void theRightTokenSpendsNothing() {
		String operator = "192.0.2.200";
		for (int i = 0; i < 10; i++) {
			assertThat(apps(operator, "Bearer " + ADMIN_TOKEN).status()).isEqualTo(201);
		}
		assertProblem(apps(operator, "Bearer typo"), 401);
	}

	@Test
	void wrongAppCredentialsSpendTheSameBudgetAndThenCostNoStatement() {
		String appid = newApp();
		String credential = credential(appid);
		String revoked = credential(appid);
		assertThat(users(revoked, "192.0.2.210").status()).isEqualTo(404);
		String revokedId = admin("GET", "/admin/apps/" + appid + "/credentials", null).json()
			.get("items")
			.get(1)
			.get("id")
			.stringValue();
		assertThat(admin("DELETE", "/admin/apps/" + appid + "/credentials/" + revokedId, null).status()).isEqualTo(204);
		String attacker = "198.51.100.70";

		assertProblem(users(madeUp(1), attacker), 401);
		assertProblem(users(revoked, attacker), 401);
		assertProblem(apps(attacker, "Bearer guess"), 401);
		for (int i = 2; i < 50; i++) {
			int guess = i;
			assertThat(count(() -> assertProblem(users(madeUp(guess), attacker), 429))).isZero();
		}
		// the right credential and the admin token gain nothing from a locked-out IP
		assertProblem(users(credential, attacker), 429);
		assertProblem(apps(attacker, "Bearer " + ADMIN_TOKEN), 429);
		assertThat(users(credential, "198.51.100.71").status()).isEqualTo(404);
	}

	@Test
	void credentialLookupsAreCachedKnownAndUnknownAlike() {
		String credential = credential(newApp());
		String unknown = madeUp(1000);
		// 403 from the credential's scope alone: no statement of the handler
		assertThat(count(() -> assertProblem(apps("192.0.2.220", "Bearer " + credential), 403))).isEqualTo(1);
		assertThat(count(() -> assertProblem(apps("192.0.2.220", "Bearer " + credential), 403))).isZero();
		assertThat(count(() -> assertProblem(apps("192.0.2.221", "Bearer " + unknown), 401))).isEqualTo(1);
		assertThat(count(() -> assertProblem(apps("192.0.2.221", "Bearer " + unknown), 401))).isZero();
	}

	private String credential(String appid) {
		Response issued = admin("POST", "/admin/apps/" + appid + "/credentials", null);
		assertThat(issued.status()).isEqualTo(201);
		return issued.json().get("token").stringValue();
	}

	/** A well-formed credential that was never issued. */
	private static String madeUp(int number) {
		return "fcapp_" + String.format("%043d", number);
	}

	private Response users(String credential, String clientIp) {
		return this.http.send("GET", "/admin/users/nobody", null, "X-Forwarded-For", clientIp, "Authorization",
				"Bearer " + credential);
	}

	private Response apps(String clientIp, String authorization) {
		String body = "{\"appid\":\"" + unique("app") + "\",\"name\":\"Brute force\"}";
		return (authorization == null)
				? this.http.send("POST", "/admin/apps", body.getBytes(), "Content-Type", "application/json",
						"X-Forwarded-For", clientIp)
				: this.http.send("POST", "/admin/apps", body.getBytes(), "Content-Type", "application/json",
						"X-Forwarded-For", clientIp, "Authorization", authorization);
	}

}

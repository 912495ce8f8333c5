package dev.facecard.admin;

import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static dev.facecard.support.ApiAssertions.assertProblem;
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

	private Response apps(String clientIp, String authorization) {
		String body = "{\"appid\":\"" + unique("app") + "\",\"name\":\"Brute force\"}";
		return (authorization == null)
				? this.http.send("POST", "/admin/apps", body.getBytes(), "Content-Type", "application/json",
						"X-Forwarded-For", clientIp)
				: this.http.send("POST", "/admin/apps", body.getBytes(), "Content-Type", "application/json",
						"X-Forwarded-For", clientIp, "Authorization", authorization);
	}

}

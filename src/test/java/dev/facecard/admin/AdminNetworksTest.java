package dev.facecard.admin;

import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code facecard.admin.allowed-networks}: the admin API answers only clients of the
 * named networks; others get 403 before their token is looked at, and spend nothing.
 */
class AdminNetworksTest extends LimitedIntegrationTest {

	@Test
	void onlyClientsOfTheAllowedNetworksReachTheAdminApi() {
		assertThat(apps("192.0.2.17", ADMIN_TOKEN).status()).isEqualTo(201);
		assertThat(apps("2001:db8:1:ff::5", ADMIN_TOKEN).status()).isEqualTo(201);

		assertProblem(apps("100.64.0.17", ADMIN_TOKEN), 403);
		assertProblem(apps("2001:db8:2::5", ADMIN_TOKEN), 403);
		assertProblem(apps("::ffff:100.64.0.17", ADMIN_TOKEN), 403);
		for (int i = 0; i < 5; i++) {
			// refused before any guess is counted
			assertProblem(apps("100.64.0.18", "guess-" + i), 403);
		}
		assertProblem(apps("192.0.2.18", "guess"), 401);
	}

	private Response apps(String clientIp, String token) {
		byte[] body = ("{\"appid\":\"" + unique("app") + "\",\"name\":\"Networks\"}").getBytes();
		return this.http.send("POST", "/admin/apps", body, "Content-Type", "application/json", "X-Forwarded-For",
				clientIp, "Authorization", "Bearer " + token);
	}

}

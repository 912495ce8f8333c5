package dev.facecard.admin;

import org.junit.jupiter.api.Test;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;

import org.springframework.test.context.TestPropertySource;

import static dev.facecard.support.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code facecard.admin.allowed-networks}: the admin API answers only clients of the named networks; others get
 * 403 before their token is looked at, and spend nothing.
 */
@TestPropertySource(properties = { "facecard.admin.allowed-networks=192.0.2.0/24, 2001:db8:1::/48",
		"facecard.rate-limit.admin-failures.limit=2", "server.forward-headers-strategy=native" })
class AdminNetworksTest extends IntegrationTest {

	@Test
	void onlyClientsOfTheAllowedNetworksReachTheAdminApi() {
		assertThat(apps("192.0.2.17", ADMIN_TOKEN).status()).isEqualTo(201);
		assertThat(apps("2001:db8:1:ff::5", ADMIN_TOKEN).status()).isEqualTo(201);

		assertProblem(apps("198.51.100.17", ADMIN_TOKEN), 403);
		assertProblem(apps("2001:db8:2::5", ADMIN_TOKEN), 403);
		assertProblem(apps("::ffff:198.51.100.17", ADMIN_TOKEN), 403);
		for (int i = 0; i < 5; i++) {
			assertProblem(apps("198.51.100.18", "guess-" + i), 403); // refused before any guess is counted
		}
		assertProblem(apps("192.0.2.18", "guess"), 401);
	}

	private Response apps(String clientIp, String token) {
		byte[] body = ("{\"appid\":\"" + unique("app") + "\",\"name\":\"Networks\"}").getBytes();
		return this.http.send("POST", "/admin/apps", body, "Content-Type", "application/json", "X-Forwarded-For",
				clientIp, "Authorization", "Bearer " + token);
	}

}

package dev.facecard.support;

import org.springframework.test.context.TestPropertySource;

/**
 * Base of the tests of the rate limits and the admin API's reach: small limits, so that a
 * few requests reach them, and Tomcat trusting {@code X-Forwarded-For} from loopback (as
 * behind a local proxy), so that each test speaks from client addresses of its own. One
 * application context for all of them.
 */
@TestPropertySource(properties = { "facecard.rate-limit.authenticated.limit=3", "facecard.rate-limit.anonymous.limit=4",
		"facecard.rate-limit.avatar-misses.limit=2", "facecard.rate-limit.resizes.limit=2",
		"facecard.rate-limit.key-failures.limit=3", "facecard.rate-limit.admin-failures.limit=3",
		"facecard.admin.allowed-networks=127.0.0.0/8, ::1, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, "
				+ "2001:db8:1::/48",
		"server.forward-headers-strategy=native" })
public abstract class LimitedIntegrationTest extends IntegrationTest {

}

package dev.facecard.ratelimit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RedisOnlyAsStoreTest {

	private static final String[] CANDIDATES = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", null };

	@Test
	void redisAutoConfigurationIsLeftOutOnTheMemoryStore() {
		assertThat(matches(new MockEnvironment())).containsExactly(false, false, true, true);
		assertThat(matches(new MockEnvironment().withProperty("facecard.rate-limit.store", "memory")))
			.containsExactly(false, false, true, true);
	}

	@Test
	void redisAutoConfigurationStaysWhenRedisIsTheStoreHoweverItIsSpelled() {
		assertThat(matches(new MockEnvironment().withProperty("facecard.rate-limit.store", "redis")))
			.containsExactly(true, true, true, true);
		assertThat(matches(new MockEnvironment().withProperty("facecard.rate-limit.store", "REDIS")))
			.containsExactly(true, true, true, true);
		// both spellings of the environment variable (docker-compose.yml uses the second)
		for (String variable : new String[] { "FACECARD_RATELIMIT_STORE", "FACECARD_RATE_LIMIT_STORE" }) {
			MockEnvironment fromVariables = new MockEnvironment();
			fromVariables.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "redis")));
			assertThat(matches(fromVariables)).as(variable).containsExactly(true, true, true, true);
		}
	}

	private static boolean[] matches(MockEnvironment environment) {
		RedisOnlyAsStore filter = new RedisOnlyAsStore();
		filter.setEnvironment(environment);
		return filter.match(CANDIDATES, null);
	}

}

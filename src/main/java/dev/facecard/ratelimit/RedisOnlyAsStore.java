package dev.facecard.ratelimit;

import dev.facecard.shared.config.FacecardProperties.RateLimit.Store;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configuration out unless
 * {@code facecard.rate-limit.store} is {@code redis}, the only use of Redis: an instance
 * on the memory store starts without the Redis client, its threads and its connection
 * factory (about half a second of start-up on 2 cores, README Performance). Registered in
 * {@code META-INF/spring.factories}.
 */
class RedisOnlyAsStore implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS_AUTO_CONFIGURATIONS = "org.springframework.boot.data.redis.autoconfigure.";

	private boolean redisStore;

	@Override
	public void setEnvironment(Environment environment) {
		// bound as FacecardProperties binds it: relaxed names and case, environment
		// variables
		this.redisStore = Binder.get(environment)
			.bind("facecard.rate-limit.store", Store.class)
			.map(Store.REDIS::equals)
			.orElse(false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = this.redisStore || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATIONS);
		}
		return matches;
	}

}

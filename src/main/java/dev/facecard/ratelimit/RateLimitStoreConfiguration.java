package dev.facecard.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.facecard.shared.config.BuiltBeansMismatchException;
import dev.facecard.shared.config.FacecardProperties;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The rate-limit store that {@code facecard.rate-limit.store} names, and its part of the
 * readiness check.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStoreConfiguration {

	/**
	 * Readiness status while Redis is unreachable: still serving (HTTP 200), on
	 * per-instance limits.
	 */
	static final Status DEGRADED = new Status("DEGRADED", "Redis unreachable: rate limits are per instance");

	@Bean
	RateLimitStore rateLimitStore(FacecardProperties properties,
			ObjectProvider<LettuceConnectionFactory> redisConnectionFactory) {
		FacecardProperties.RateLimit settings = properties.rateLimit();
		var memory = new InMemoryRateLimitStore(settings.maxTrackedKeys(), settings.longestPeriod());
		if (settings.store() == FacecardProperties.RateLimit.Store.MEMORY) {
			return memory;
		}
		if (AotDetector.useGeneratedArtifacts() && redisConnectionFactory.getIfAvailable() == null) {
			// built for the memory store: RedisOnlyAsStore left Redis out then
			throw new BuiltBeansMismatchException("facecard.rate-limit.store", "Redis",
					"the memory store (no Redis client)",
					"the image: docker build --build-arg FACECARD_RATE_LIMIT_STORE=redis, as docker-compose.yml does");
		}
		return new RedisRateLimitStore(redisConnectionFactory.getObject(), memory, settings.redisKeyPrefix(),
				settings.longestPeriod(), settings.redisRetryInterval());
	}

	/** Contributes {@code rateLimitStore} to health and readiness. */
	@Bean
	HealthIndicator rateLimitStoreHealthIndicator(RateLimitStore store) {
		return () -> {
			RateLimitStore.Health health = store.health();
			return Health.status(health.degraded() ? DEGRADED : Status.UP).withDetail("store", health.store()).build();
		};
	}

	/**
	 * {@code facecard.rate-limit.store.degraded}: 1 while the shared store is unreachable
	 * and this instance limits on its own, for an alert (README, Operations); asked at
	 * each scrape, like the readiness probe asks.
	 */
	@Bean
	MeterBinder rateLimitStoreMetrics(RateLimitStore store, FacecardProperties properties) {
		return registry -> Gauge
			.builder("facecard.rate-limit.store.degraded", store, s -> s.health().degraded() ? 1 : 0)
			.description("1 while the shared rate-limit store (Redis) is unreachable: limits are per instance")
			.tag("store", properties.rateLimit().store().name().toLowerCase(Locale.ROOT))
			.register(registry);
	}

	/**
	 * While disconnected, a command fails at once (the limiter falls back) instead of
	 * queueing until a timeout.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Reconnect within about a second of Redis coming back, not Lettuce's default of up
	 * to 30 s.
	 */
	@Bean
	ClientResourcesBuilderCustomizer promptReconnect() {
		return resources -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}

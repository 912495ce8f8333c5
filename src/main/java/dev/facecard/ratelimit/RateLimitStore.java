package dev.facecard.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * Where rate-limit buckets live: this instance's memory, or Redis, shared by every
 * instance.
 */
public interface RateLimitStore {

	/**
	 * Takes {@code tokens} tokens from the bucket of {@code key} (all or none), created
	 * with {@code configuration} when it does not exist yet.
	 */
	ConsumptionProbe tryConsume(String key, long tokens, BucketConfiguration configuration);

	/** Gives {@code tokens} tokens back to the bucket of {@code key} (up to its size). */
	void addTokens(String key, long tokens, BucketConfiguration configuration);

	/**
	 * Whether one token could be taken from the bucket of {@code key} now, without taking
	 * it.
	 */
	EstimationProbe estimate(String key, BucketConfiguration configuration);

	/** What the readiness check reports. */
	Health health();

	/**
	 * @param store {@code memory} or {@code redis}
	 * @param degraded the shared store cannot be reached: this instance limits on its own
	 * meanwhile
	 */
	record Health(String store, boolean degraded) {
	}

}

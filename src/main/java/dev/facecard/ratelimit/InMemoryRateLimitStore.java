package dev.facecard.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.shared.cache.Caches;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * Buckets in this instance's memory, bounded by count: an idle bucket is dropped after
 * the longest limit period (it would be full again by then), and at most {@code maxKeys}
 * users and IPs are tracked.
 */
class InMemoryRateLimitStore implements RateLimitStore {

	private final Cache<String, Bucket> buckets;

	InMemoryRateLimitStore(int maxKeys, Duration idleExpiry) {
		this.buckets = Caches.newBuilder().maximumSize(maxKeys).expireAfterAccess(idleExpiry).build();
	}

	@Override
	public ConsumptionProbe tryConsume(String key, long tokens, BucketConfiguration configuration) {
		return this.buckets.get(key, ignored -> newBucket(configuration)).tryConsumeAndReturnRemaining(tokens);
	}

	@Override
	public void addTokens(String key, long tokens, BucketConfiguration configuration) {
		this.buckets.get(key, ignored -> newBucket(configuration)).addTokens(tokens);
	}

	@Override
	public EstimationProbe estimate(String key, BucketConfiguration configuration) {
		return this.buckets.get(key, ignored -> newBucket(configuration)).estimateAbilityToConsume(1);
	}

	@Override
	public Health health() {
		return new Health("memory", false);
	}

	private static Bucket newBucket(BucketConfiguration configuration) {
		var builder = Bucket.builder();
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}

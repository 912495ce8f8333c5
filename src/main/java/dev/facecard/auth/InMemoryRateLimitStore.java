package dev.facecard.auth;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Buckets in this instance's memory, bounded by count: an idle bucket is dropped after the longest limit
 * period (it would be full again by then), and at most {@code maxKeys} users and IPs are tracked.
 */
class InMemoryRateLimitStore implements RateLimitStore {

	private final Cache<String, Bucket> buckets;

	InMemoryRateLimitStore(int maxKeys, Duration idleExpiry) {
		this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idleExpiry).build();
	}

	@Override
	public Bucket bucket(String key, BucketConfiguration configuration) {
		return this.buckets.get(key, ignored -> {
			var builder = Bucket.builder();
			for (Bandwidth bandwidth : configuration.getBandwidths()) {
				builder.addLimit(bandwidth);
			}
			return builder.build();
		});
	}

}

package dev.facecard.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where rate-limit buckets live: this instance's memory, or a store that instances share. */
public interface RateLimitStore {

	/** The bucket of {@code key}, created with {@code configuration} when it does not exist yet. */
	Bucket bucket(String key, BucketConfiguration configuration);

}

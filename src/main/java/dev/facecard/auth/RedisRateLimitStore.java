package dev.facecard.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Buckets in Redis, so that every instance draws on one budget per user and per IP. While Redis cannot be
 * reached, each instance falls back to buckets of its own (one warning per outage) and tries Redis again every
 * {@code retryInterval}; meanwhile Lettuce reconnects in the background.
 */
class RedisRateLimitStore implements RateLimitStore {

	private static final Logger logger = LoggerFactory.getLogger(RedisRateLimitStore.class);

	private final LettuceConnectionFactory connectionFactory;

	private final RateLimitStore fallback;

	private final String keyPrefix;

	private final Duration expiry;

	private final long retryIntervalNanos;

	private final ReentrantLock connecting = new ReentrantLock();

	private final AtomicBoolean degraded = new AtomicBoolean();

	private volatile Connected connected;

	private volatile long nextAttemptNanos;

	/**
	 * @param expiry how long Redis keeps an idle bucket: the longest limit period, after which it would be full
	 */
	RedisRateLimitStore(LettuceConnectionFactory connectionFactory, RateLimitStore fallback, String keyPrefix,
			Duration expiry, Duration retryInterval) {
		this.connectionFactory = connectionFactory;
		this.fallback = fallback;
		this.keyPrefix = keyPrefix;
		this.expiry = expiry;
		this.retryIntervalNanos = retryInterval.toNanos();
	}

	@Override
	public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
		return shared(buckets -> buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1),
				fallback -> fallback.tryConsume(key, configuration));
	}

	@Override
	public EstimationProbe estimate(String key, BucketConfiguration configuration) {
		return shared(buckets -> buckets.builder().build(key, () -> configuration).estimateAbilityToConsume(1),
				fallback -> fallback.estimate(key, configuration));
	}

	/** In Redis when it answers, else in this instance's own buckets. */
	private <T> T shared(Function<ProxyManager<String>, T> inRedis, Function<RateLimitStore, T> inFallback) {
		if (waitingToRetry()) {
			return inFallback.apply(this.fallback);
		}
		try {
			T result = inRedis.apply(connected().buckets());
			recovered();
			return result;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return inFallback.apply(this.fallback);
		}
	}

	/** Also how an idle instance notices that Redis is back: the readiness probe asks. */
	@Override
	public Health health() {
		if (this.degraded.get() && !waitingToRetry()) {
			try {
				connected().connection().ping();
				recovered();
			}
			catch (RuntimeException ex) {
				failed(ex);
			}
		}
		return new Health("redis", this.degraded.get());
	}

	private boolean waitingToRetry() {
		return this.degraded.get() && System.nanoTime() - this.nextAttemptNanos < 0;
	}

	private void recovered() {
		if (this.degraded.compareAndSet(true, false)) {
			logger.info("Redis answers again: rate limits are shared by all instances again");
		}
	}

	private void failed(RuntimeException ex) {
		this.nextAttemptNanos = System.nanoTime() + this.retryIntervalNanos;
		if (this.degraded.compareAndSet(false, true)) {
			logger.warn("Redis cannot be reached ({}): rate limits fall back to this instance's own buckets until "
					+ "it answers again", rootMessage(ex));
		}
	}

	private Connected connected() {
		Connected current = this.connected;
		if (current != null) {
			return current;
		}
		// one thread connects; the others use the fallback rather than queue behind a connect timeout
		if (!this.connecting.tryLock()) {
			throw new IllegalStateException("connecting to Redis");
		}
		try {
			if (this.connected == null) {
				this.connected = connect();
			}
			return this.connected;
		}
		finally {
			this.connecting.unlock();
		}
	}

	/** Bucket4j on the connection factory's shared native Lettuce connection (standalone or cluster). */
	@SuppressWarnings("unchecked")
	private Connected connect() {
		RedisConnection connection = this.connectionFactory.getConnection();
		Object commands = connection.getNativeConnection();
		var builder = (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster)
				? Bucket4jLettuce.casBasedBuilder((RedisAdvancedClusterAsyncCommands<byte[], byte[]>) cluster)
				: Bucket4jLettuce.casBasedBuilder((RedisAsyncCommands<byte[], byte[]>) commands);
		ProxyManager<byte[]> buckets = builder
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(this.expiry))
			.build();
		return new Connected(connection,
				buckets.withMapper(key -> (this.keyPrefix + key).getBytes(StandardCharsets.UTF_8)));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private record Connected(RedisConnection connection, ProxyManager<String> buckets) {
	}

}

package dev.facecard.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
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
 * Buckets in Redis, so that every instance draws on one budget per user and per IP. While
 * Redis cannot be reached, each instance falls back to buckets of its own (one warning
 * per outage), and every {@code retryInterval} a single request probes Redis again while
 * the others keep to the fallback, so a Redis that hangs instead of refusing slows one
 * request per interval, not all of them. Lettuce reconnects in the background meanwhile.
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

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile Connected connected;

	private volatile long lastFailureNanos = System.nanoTime();

	private volatile long nextAttemptNanos;

	/**
	 * @param expiry Redis keeps a bucket this long after it is full again: the longest
	 * limit period
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
	public ConsumptionProbe tryConsume(String key, long tokens, BucketConfiguration configuration) {
		return shared(buckets -> bucket(buckets, key, configuration).tryConsumeAndReturnRemaining(tokens),
				fallback -> fallback.tryConsume(key, tokens, configuration));
	}

	@Override
	public void addTokens(String key, long tokens, BucketConfiguration configuration) {
		shared(buckets -> {
			bucket(buckets, key, configuration).addTokens(tokens);
			return null;
		}, fallback -> {
			fallback.addTokens(key, tokens, configuration);
			return null;
		});
	}

	@Override
	public EstimationProbe estimate(String key, BucketConfiguration configuration) {
		return shared(buckets -> bucket(buckets, key, configuration).estimateAbilityToConsume(1),
				fallback -> fallback.estimate(key, configuration));
	}

	/**
	 * Also how an idle instance notices that Redis went away or came back: the readiness
	 * probe asks.
	 */
	@Override
	public Health health() {
		shared(buckets -> {
			this.connected.connection().ping();
			return null;
		}, fallback -> null);
		return new Health("redis", this.degraded.get());
	}

	/**
	 * A bucket whose limits follow the configuration: one created under other limits (an
	 * earlier deployment) is switched to these, keeping its share of tokens.
	 */
	private static BucketProxy bucket(ProxyManager<String> buckets, String key, BucketConfiguration configuration) {
		return buckets.builder()
			.withImplicitConfigurationReplacement(version(configuration), TokensInheritanceStrategy.PROPORTIONALLY)
			.build(key, () -> configuration);
	}

	private static long version(BucketConfiguration configuration) {
		long version = 17;
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			version = 31 * version + bandwidth.getCapacity();
			version = 31 * version + bandwidth.getRefillTokens();
			version = 31 * version + bandwidth.getRefillPeriodNanos();
		}
		return version & Long.MAX_VALUE;
	}

	/** In Redis when it may be tried, else in this instance's own buckets. */
	private <T> T shared(Function<ProxyManager<String>, T> inRedis, Function<RateLimitStore, T> inFallback) {
		boolean probe = this.degraded.get();
		if (probe && (System.nanoTime() - this.nextAttemptNanos < 0 || !this.probing.compareAndSet(false, true))) {
			return inFallback.apply(this.fallback);
		}
		long started = System.nanoTime();
		try {
			Connected redis = connected();
			if (redis == null) {
				return inFallback.apply(this.fallback);
			}
			T result = inRedis.apply(redis.buckets());
			succeeded(started);
			return result;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return inFallback.apply(this.fallback);
		}
		finally {
			if (probe) {
				this.probing.set(false);
			}
		}
	}

	/** Only an attempt that started after the last failure proves that Redis is back. */
	private void succeeded(long startedNanos) {
		if (this.degraded.get() && startedNanos - this.lastFailureNanos > 0
				&& this.degraded.compareAndSet(true, false)) {
			logger.info("Redis answers again: rate limits are shared by all instances again");
		}
	}

	private void failed(RuntimeException ex) {
		long now = System.nanoTime();
		this.lastFailureNanos = now;
		this.nextAttemptNanos = now + this.retryIntervalNanos;
		if (this.degraded.compareAndSet(false, true)) {
			logger.warn("Redis cannot be reached ({}): rate limits fall back to this instance's own buckets until "
					+ "it answers again", rootMessage(ex));
		}
	}

	/**
	 * The connection, or null while another thread is connecting (the caller uses the
	 * fallback meanwhile).
	 */
	private Connected connected() {
		Connected current = this.connected;
		if (current != null || !this.connecting.tryLock()) {
			return current;
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

	/**
	 * Bucket4j on the connection factory's shared native Lettuce connection (standalone
	 * or cluster).
	 */
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

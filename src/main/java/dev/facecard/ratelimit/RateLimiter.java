package dev.facecard.ratelimit;

import java.time.Clock;

import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.ClientAddresses;
import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The rate limits, each a Bucket4j bucket per user or per client in the configured store.
 * A client is its address, an IPv6 client its network of
 * {@code facecard.rate-limit.ipv6-prefix-length} bits ({@link ClientAddresses#key}).
 * Refusals are counted in {@code facecard.rate-limit.rejections}, tagged by limit.
 */
@Component
public class RateLimiter {

	private final RateLimitStore store;

	private final Clock clock;

	private final int ipv6PrefixLength;

	private final Rule authenticated;

	private final Rule anonymous;

	private final Rule avatarMisses;

	private final Rule keyFailures;

	private final Rule adminFailures;

	private final Rule resizes;

	public RateLimiter(FacecardProperties properties, RateLimitStore store, Clock clock, MeterRegistry meters) {
		FacecardProperties.RateLimit settings = properties.rateLimit();
		this.store = store;
		this.clock = clock;
		this.ipv6PrefixLength = settings.ipv6PrefixLength();
		this.authenticated = new Rule("user:", "authenticated", settings.authenticated(), meters);
		this.anonymous = new Rule("ip:", "anonymous", settings.anonymous(), meters);
		this.avatarMisses = new Rule("miss:", "avatar-misses", settings.avatarMisses(), meters);
		this.keyFailures = new Rule("key-failure:", "key-failures", settings.keyFailures(), meters);
		this.adminFailures = new Rule("admin:", "admin-failures", settings.adminFailures(), meters);
		this.resizes = new Rule("resize:", "resizes", settings.resizes(), meters);
	}

	/** Every {@code /api/**} request that carries a valid API key, per key owner. */
	public Budget authenticated(String userId) {
		return new Budget(this.authenticated, userId);
	}

	/** Profile requests without an API key, per client. */
	public Budget anonymous(String remoteAddress) {
		return new Budget(this.anonymous, client(remoteAddress));
	}

	/** Avatar lookups that find no avatar (404 or a default image), per client. */
	public Budget avatarMisses(String remoteAddress) {
		return new Budget(this.avatarMisses, client(remoteAddress));
	}

	/** Requests whose API key is not valid, per client. */
	public Budget keyFailures(String remoteAddress) {
		return new Budget(this.keyFailures, client(remoteAddress));
	}

	/** Avatar sizes resized for the request (a variant not cached yet), per client. */
	public Budget resizes(String remoteAddress) {
		return new Budget(this.resizes, client(remoteAddress));
	}

	/** Admin API requests with a wrong admin token, per client. */
	public Budget adminFailures(String remoteAddress) {
		return new Budget(this.adminFailures, client(remoteAddress));
	}

	private String client(String remoteAddress) {
		return ClientAddresses.key(remoteAddress, this.ipv6PrefixLength);
	}

	/** One bucket: one limit's budget of one user or client. */
	public final class Budget {

		private final Rule rule;

		private final String key;

		private Budget(Rule rule, String key) {
			this.rule = rule;
			this.key = rule.prefix() + key;
		}

		/**
		 * Whether a request may still be taken, without taking it: the check made before
		 * any work.
		 */
		public RateLimitDecision check() {
			var probe = RateLimiter.this.store.estimate(this.key, this.rule.configuration());
			if (!probe.canBeConsumed()) {
				this.rule.rejections().increment();
			}
			return RateLimitDecision.of(probe, this.rule.limit().limit(), RateLimiter.this.clock.instant());
		}

		/** Takes one request. */
		public RateLimitDecision take() {
			return take(1);
		}

		/**
		 * Gives back one request taken before the work, when that work showed it cost
		 * nothing.
		 */
		public void refund() {
			RateLimiter.this.store.addTokens(this.key, 1, this.rule.configuration());
		}

		/** Takes {@code units} requests at once, or none when fewer are left. */
		public RateLimitDecision take(long units) {
			var probe = RateLimiter.this.store.tryConsume(this.key, units, this.rule.configuration());
			if (!probe.isConsumed()) {
				this.rule.rejections().increment();
			}
			return RateLimitDecision.of(probe, this.rule.limit().limit(), RateLimiter.this.clock.instant());
		}

	}

	/**
	 * {@code limit} requests per {@code period}, refilled whole at the end of each
	 * period.
	 */
	private record Rule(String prefix, FacecardProperties.Limit limit, BucketConfiguration configuration,
			Counter rejections) {

		Rule(String prefix, String name, FacecardProperties.Limit limit, MeterRegistry meters) {
			this(prefix, limit, BucketConfiguration.builder()
				.addLimit(
						bandwidth -> bandwidth.capacity(limit.limit()).refillIntervally(limit.limit(), limit.period()))
				.build(),
					Counter.builder("facecard.rate-limit.rejections")
						.description("Requests refused with 429, by limit")
						.tag("limit", name)
						.register(meters));
		}

	}

}

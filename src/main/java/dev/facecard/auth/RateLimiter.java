package dev.facecard.auth;

import java.time.Clock;

import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.facecard.system.FacecardProperties;

import org.springframework.stereotype.Component;

/**
 * SPEC 3's three limits, the admin API's wrong-token limit and the avatar resize limit, each a Bucket4j
 * bucket per user or client IP in the configured store. Refusals are counted in
 * {@code facecard.rate-limit.rejections}, tagged by limit.
 */
@Component
public class RateLimiter {

	private final RateLimitStore store;

	private final Clock clock;

	private final Rule authenticated;

	private final Rule anonymous;

	private final Rule avatarMisses;

	private final Rule adminFailures;

	private final Rule resizes;

	public RateLimiter(FacecardProperties properties, RateLimitStore store, Clock clock, MeterRegistry meters) {
		FacecardProperties.RateLimit settings = properties.rateLimit();
		this.store = store;
		this.clock = clock;
		this.authenticated = new Rule("user:", "authenticated", settings.authenticated(), meters);
		this.anonymous = new Rule("ip:", "anonymous", settings.anonymous(), meters);
		this.avatarMisses = new Rule("miss:", "avatar-misses", settings.avatarMisses(), meters);
		this.adminFailures = new Rule("admin:", "admin-failures", settings.adminFailures(), meters);
		this.resizes = new Rule("resize:", "resizes", settings.resizes(), meters);
	}

	/** Every {@code /api/**} request that carries a valid token, per token owner. */
	public RateLimitDecision takeAuthenticated(String userId) {
		return take(this.authenticated, userId);
	}

	/** Profile requests without a token, per client IP. */
	public RateLimitDecision takeAnonymous(String clientIp) {
		return take(this.anonymous, clientIp);
	}

	/** Avatar lookups that end in 404, per client IP. */
	public RateLimitDecision takeAvatarMiss(String clientIp) {
		return take(this.avatarMisses, clientIp);
	}

	/** Admin API requests without the right admin token, per client IP. */
	public RateLimitDecision takeAdminFailure(String clientIp) {
		return take(this.adminFailures, clientIp);
	}

	/** Avatar sizes resized for the request (a variant not cached yet), per client IP. */
	public RateLimitDecision takeResize(String clientIp) {
		return take(this.resizes, clientIp);
	}

	/**
	 * Whether client IP {@code clientIp} still has admin attempts left, without spending one: once its wrong
	 * tokens have used the budget up, even the right token is refused from it, so guessing gains nothing.
	 */
	public RateLimitDecision checkAdminFailures(String clientIp) {
		var probe = this.store.estimate(this.adminFailures.prefix() + clientIp, this.adminFailures.configuration());
		if (!probe.canBeConsumed()) {
			this.adminFailures.rejections().increment();
		}
		return RateLimitDecision.of(probe, this.adminFailures.limit().limit(), this.clock.instant());
	}

	private RateLimitDecision take(Rule rule, String key) {
		var probe = this.store.tryConsume(rule.prefix() + key, rule.configuration());
		if (!probe.isConsumed()) {
			rule.rejections().increment();
		}
		return RateLimitDecision.of(probe, rule.limit().limit(), this.clock.instant());
	}

	/** {@code limit} requests per {@code period}, refilled whole at the end of each period. */
	private record Rule(String prefix, FacecardProperties.Limit limit, BucketConfiguration configuration,
			Counter rejections) {

		Rule(String prefix, String name, FacecardProperties.Limit limit, MeterRegistry meters) {
			this(prefix, limit, BucketConfiguration.builder()
				.addLimit(bandwidth -> bandwidth.capacity(limit.limit()).refillIntervally(limit.limit(), limit.period()))
				.build(),
					Counter.builder("facecard.rate-limit.rejections")
						.description("Requests refused with 429, by limit")
						.tag("limit", name)
						.register(meters));
		}

	}

}

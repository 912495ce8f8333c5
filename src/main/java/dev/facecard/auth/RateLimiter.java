package dev.facecard.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import io.github.bucket4j.BucketConfiguration;

import dev.facecard.system.FacecardProperties;

import org.springframework.stereotype.Component;

/** SPEC 3's three limits, each a Bucket4j bucket per user or client IP, in the configured store. */
@Component
public class RateLimiter {

	private final RateLimitStore store;

	private final Clock clock;

	private final Rule authenticated;

	private final Rule anonymous;

	private final Rule avatarMisses;

	public RateLimiter(FacecardProperties properties, Clock clock) {
		FacecardProperties.RateLimit settings = properties.rateLimit();
		this.clock = clock;
		this.authenticated = new Rule("user:", settings.authenticated());
		this.anonymous = new Rule("ip:", settings.anonymous());
		this.avatarMisses = new Rule("miss:", settings.avatarMisses());
		Duration longestPeriod = Stream.of(settings.authenticated(), settings.anonymous(), settings.avatarMisses())
			.map(FacecardProperties.Limit::period)
			.max(Duration::compareTo)
			.orElseThrow();
		this.store = new InMemoryRateLimitStore(settings.maxTrackedKeys(), longestPeriod);
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

	private RateLimitDecision take(Rule rule, String key) {
		var probe = this.store.bucket(rule.prefix() + key, rule.configuration()).tryConsumeAndReturnRemaining(1);
		return RateLimitDecision.of(probe, rule.limit().limit(), this.clock.instant());
	}

	/** {@code limit} requests per {@code period}, refilled whole at the end of each period. */
	private record Rule(String prefix, FacecardProperties.Limit limit, BucketConfiguration configuration) {

		Rule(String prefix, FacecardProperties.Limit limit) {
			this(prefix, limit, BucketConfiguration.builder()
				.addLimit(bandwidth -> bandwidth.capacity(limit.limit()).refillIntervally(limit.limit(), limit.period()))
				.build());
		}

	}

}

package dev.facecard.ratelimit;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletResponse;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * The outcome of taking one request from a bucket, and the headers that tell the client
 * about it.
 *
 * @param allowed whether the request may proceed
 * @param limit the bucket's size ({@code X-RateLimit-Limit})
 * @param remaining requests left ({@code X-RateLimit-Remaining})
 * @param resetEpochSecond when the bucket is full again ({@code X-RateLimit-Reset})
 * @param retryAfterSeconds when refused, how long until a request may pass
 * ({@code Retry-After})
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetEpochSecond,
		long retryAfterSeconds) {

	static RateLimitDecision of(ConsumptionProbe probe, long limit, Instant now) {
		long resetSeconds = ceilSeconds(probe.getNanosToWaitForReset());
		return new RateLimitDecision(probe.isConsumed(), limit, probe.getRemainingTokens(),
				now.getEpochSecond() + resetSeconds, Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
	}

	static RateLimitDecision of(EstimationProbe probe, long limit, Instant now) {
		long refillSeconds = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
		return new RateLimitDecision(probe.canBeConsumed(), limit, probe.getRemainingTokens(),
				now.getEpochSecond() + (probe.canBeConsumed() ? 0 : refillSeconds), refillSeconds);
	}

	/**
	 * Past the limit, the 429 from inside Spring MVC: the limit's headers on the
	 * response, then {@link RateLimitExceededException}. Within it, nothing: an answer
	 * shared caches keep must carry no client's budget.
	 */
	public void enforce(HttpServletResponse response) {
		if (!this.allowed) {
			writeHeaders(response);
			throw new RateLimitExceededException(this);
		}
	}

	public void writeHeaders(HttpServletResponse response) {
		response.setHeader("X-RateLimit-Limit", Long.toString(this.limit));
		response.setHeader("X-RateLimit-Remaining", Long.toString(this.remaining));
		response.setHeader("X-RateLimit-Reset", Long.toString(this.resetEpochSecond));
		if (!this.allowed) {
			response.setHeader("Retry-After", Long.toString(this.retryAfterSeconds));
		}
	}

	private static long ceilSeconds(long nanos) {
		return (nanos <= 0) ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

}

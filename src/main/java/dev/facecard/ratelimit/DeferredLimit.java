package dev.facecard.ratelimit;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A rate limit that {@link ApiAccessFilter} cannot fully apply up front, because how much
 * a request costs is known only once the endpoint has answered it, or read its body. The
 * filter checks the budget before any work (a client that has none left is refused
 * without a lookup) and leaves it on the request; the endpoint takes from it when the
 * request counts.
 */
public final class DeferredLimit {

	/**
	 * Avatar lookups that find no avatar (a 404 or a default image). Enumerating
	 * usernames runs out of budget; once it is spent, every avatar lookup of the client
	 * is refused, so its answers tell nothing more.
	 */
	public static final DeferredLimit AVATAR_MISS = new DeferredLimit("avatar-miss");

	/**
	 * A conditional GET of a profile: a 304 costs no budget (as at GitHub), only a full
	 * answer does.
	 */
	public static final DeferredLimit FULL_ANSWER = new DeferredLimit("full-answer");

	/**
	 * The budget the request was charged one unit from, for endpoints whose cost grows
	 * with their body (a batch of profiles): they take the rest once they know it, before
	 * any lookup.
	 */
	public static final DeferredLimit MORE_UNITS = new DeferredLimit("more-units");

	private final String attribute;

	private DeferredLimit(String name) {
		this.attribute = DeferredLimit.class.getName() + "." + name;
	}

	void install(HttpServletRequest request, RateLimiter.Budget budget) {
		request.setAttribute(this.attribute, budget);
	}

	/**
	 * Takes this request from its budget, writes the limit's headers, and refuses it with
	 * a 429 past the limit (each API's error path answers that in its own format).
	 * Nothing happens when nothing was deferred.
	 */
	public void enforce(HttpServletRequest request, HttpServletResponse response) {
		enforce(request, response, 1);
	}

	/**
	 * {@link #enforce(HttpServletRequest, HttpServletResponse)} for {@code units}
	 * requests' worth at once.
	 */
	public void enforce(HttpServletRequest request, HttpServletResponse response, long units) {
		if (units <= 0) {
			return;
		}
		Optional<RateLimitDecision> decision = take(request, units);
		if (decision.isPresent()) {
			decision.get().writeHeaders(response);
			if (!decision.get().allowed()) {
				throw new RateLimitExceededException(decision.get());
			}
		}
	}

	/**
	 * Takes this request from its budget; empty when the filter deferred nothing (no
	 * limit applies).
	 */
	public Optional<RateLimitDecision> take(HttpServletRequest request) {
		return take(request, 1);
	}

	private Optional<RateLimitDecision> take(HttpServletRequest request, long units) {
		return (request.getAttribute(this.attribute) instanceof RateLimiter.Budget budget)
				? Optional.of(budget.take(units)) : Optional.empty();
	}

}

package dev.facecard.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A rate limit that {@link ApiAccessFilter} cannot fully apply up front, because how much
 * a request costs is known only once the endpoint has answered it, or read its body. The
 * filter checks the budget before any work (a client that has none left is refused
 * without a lookup) and leaves it on the request; the endpoint takes from it when the
 * request counts. (Avatar misses are taken up front instead: {@link AvatarMissCharge}.)
 */
public final class DeferredLimit {

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

	/**
	 * @param quiet the answer may be kept by a shared cache: it carries the limit's
	 * headers only when it refuses, never one client's budget
	 */
	void install(HttpServletRequest request, RateLimiter.Budget budget, boolean quiet) {
		request.setAttribute(this.attribute, new Deferred(budget, quiet));
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
		if (!(request.getAttribute(this.attribute) instanceof Deferred deferred)) {
			return;
		}
		RateLimitDecision decision = deferred.budget().take(units);
		if (!decision.allowed() || !deferred.quiet()) {
			decision.writeHeaders(response);
		}
		if (!decision.allowed()) {
			throw new RateLimitExceededException(decision);
		}
	}

	private record Deferred(RateLimiter.Budget budget, boolean quiet) {
	}

}

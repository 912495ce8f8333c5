package dev.facecard.auth;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The rate limit of a conditional GET of a profile, left on the request by {@link ApiAccessFilter}: a
 * 304 costs no budget (as at GitHub), so the endpoint takes from the budget only when it answers the card.
 */
public final class DeferredRateLimit {

	private static final String ATTRIBUTE = DeferredRateLimit.class.getName();

	private DeferredRateLimit() {
	}

	static void install(HttpServletRequest request, Supplier<RateLimitDecision> take) {
		request.setAttribute(ATTRIBUTE, take);
	}

	/** Takes the deferred request from its budget; empty when nothing was deferred. */
	@SuppressWarnings("unchecked")
	public static Optional<RateLimitDecision> take(HttpServletRequest request) {
		Object take = request.getAttribute(ATTRIBUTE);
		return (take instanceof Supplier<?> supplier) ? Optional.of(((Supplier<RateLimitDecision>) supplier).get())
				: Optional.empty();
	}

}

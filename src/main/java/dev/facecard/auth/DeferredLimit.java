package dev.facecard.auth;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A rate limit that {@link ApiAccessFilter} cannot apply up front, because whether a request counts is
 * known only once the endpoint has answered it. The filter leaves the take on the request; the endpoint
 * takes when the request counts.
 */
public final class DeferredLimit {

	/**
	 * Avatar lookups that end in 404: enumerating usernames runs out of budget, pages full of real
	 * avatars never do.
	 */
	public static final DeferredLimit AVATAR_MISS = new DeferredLimit("avatar-miss");

	/** A conditional GET of a profile: a 304 costs no budget (as at GitHub), only a full answer does. */
	public static final DeferredLimit FULL_ANSWER = new DeferredLimit("full-answer");

	private final String attribute;

	private DeferredLimit(String name) {
		this.attribute = DeferredLimit.class.getName() + "." + name;
	}

	void install(HttpServletRequest request, Supplier<RateLimitDecision> take) {
		request.setAttribute(this.attribute, take);
	}

	/**
	 * Takes this request from its budget, writes the limit's headers, and refuses it with a 429 past the
	 * limit (each API's error path answers that in its own format). Nothing happens when nothing was
	 * deferred.
	 */
	public void enforce(HttpServletRequest request, HttpServletResponse response) {
		Optional<RateLimitDecision> decision = take(request);
		if (decision.isPresent()) {
			decision.get().writeHeaders(response);
			if (!decision.get().allowed()) {
				throw new RateLimitExceededException(decision.get());
			}
		}
	}

	/** Takes this request from its budget; empty when the filter deferred nothing (no limit applies). */
	@SuppressWarnings("unchecked")
	public Optional<RateLimitDecision> take(HttpServletRequest request) {
		Object take = request.getAttribute(this.attribute);
		return (take instanceof Supplier<?> supplier) ? Optional.of(((Supplier<RateLimitDecision>) supplier).get())
				: Optional.empty();
	}

}

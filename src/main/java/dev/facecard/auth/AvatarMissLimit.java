package dev.facecard.auth;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The avatar-miss limit of a get_avatar request. Whether a lookup misses is known only once the lookup is
 * done, so {@link ApiAccessFilter} leaves the limit on the request and the avatar endpoint's 404 path
 * takes from it: enumerating usernames runs out of budget, pages full of real avatars never do.
 */
public final class AvatarMissLimit {

	private static final String ATTRIBUTE = AvatarMissLimit.class.getName();

	private AvatarMissLimit() {
	}

	static void install(HttpServletRequest request, Supplier<RateLimitDecision> takeMiss) {
		request.setAttribute(ATTRIBUTE, takeMiss);
	}

	/** Counts a lookup that ended in 404; empty when the request passed no filter (no limit applies). */
	@SuppressWarnings("unchecked")
	public static Optional<RateLimitDecision> recordMiss(HttpServletRequest request) {
		Object takeMiss = request.getAttribute(ATTRIBUTE);
		return (takeMiss instanceof Supplier<?> supplier) ? Optional.of(((Supplier<RateLimitDecision>) supplier).get())
				: Optional.empty();
	}

}

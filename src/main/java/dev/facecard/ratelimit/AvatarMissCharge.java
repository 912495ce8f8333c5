package dev.facecard.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The avatar-miss budget of one avatar lookup. {@link ApiAccessFilter} takes one miss
 * before the lookup (a client with none left is refused without it), so that parallel
 * lookups can never spend more than the budget; a lookup that finds its avatar gives it
 * back. Only a miss's own answer (a 404, which no shared cache keeps) tells the client
 * its budget: avatars and default images are kept by shared caches.
 */
public final class AvatarMissCharge {

	private static final String ATTRIBUTE = AvatarMissCharge.class.getName();

	private AvatarMissCharge() {
	}

	static void charged(HttpServletRequest request, RateLimiter.Budget budget, RateLimitDecision decision) {
		request.setAttribute(ATTRIBUTE, new Charge(budget, decision));
	}

	/** The lookup found an avatar: it cost no miss. */
	public static void refund(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			request.removeAttribute(ATTRIBUTE);
			charge.budget().refund();
		}
	}

	/** The answer to a miss carries the client's miss budget. */
	public static void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			charge.decision().writeHeaders(response);
		}
	}

	private record Charge(RateLimiter.Budget budget, RateLimitDecision decision) {
	}

}

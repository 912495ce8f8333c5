package dev.facecard.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The avatar-miss budget of one avatar lookup. {@link ApiAccessFilter} takes one miss
 * before the lookup (a client with none left is refused without it), so that parallel
 * lookups can never spend more than the budget, and gives it back once the request is
 * answered unless the answer said there is no avatar ({@link #missed}): a 404 or a
 * default image. Avatars, and refusals such as a 503 while image work is saturated, cost
 * no miss. Only a 404 (which no shared cache keeps) tells the client its budget.
 */
public final class AvatarMissCharge {

	private static final String ATTRIBUTE = AvatarMissCharge.class.getName();

	private AvatarMissCharge() {
	}

	static void charged(HttpServletRequest request, RateLimiter.Budget budget, RateLimitDecision decision) {
		request.setAttribute(ATTRIBUTE, new Charge(budget, decision));
	}

	/** The answer says there is no avatar: the miss stays spent. */
	public static void missed(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			charge.kept = true;
		}
	}

	/** A 404 carries the client's miss budget. */
	public static void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			charge.decision.writeHeaders(response);
		}
	}

	/** Once answered: the miss goes back unless the answer was a miss. */
	static void settle(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			request.removeAttribute(ATTRIBUTE);
			if (!charge.kept) {
				charge.budget.refund();
			}
		}
	}

	private static final class Charge {

		private final RateLimiter.Budget budget;

		private final RateLimitDecision decision;

		private boolean kept;

		private Charge(RateLimiter.Budget budget, RateLimitDecision decision) {
			this.budget = budget;
			this.decision = decision;
		}

	}

}

package dev.facecard.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The avatar-miss budget of one avatar lookup. {@link ApiAccessFilter} refuses a client
 * with no miss left before any lookup, so that, past the budget, a 200 beside the 429s
 * tells nothing. The miss itself is taken where it can cost something: before a lookup
 * that may read the database ({@link #beforeLookup}; given back once the request is
 * answered with an avatar), or when the answer says there is no avatar ({@link #missed}):
 * a 404 or a default image. Each take is atomic, so parallel lookups never spend more
 * than the budget, and an avatar served from the cache spends nothing. Refusals such as a
 * 503 while image work is saturated cost no miss. Only a 404 (which no shared cache
 * keeps) tells the client its budget.
 */
public final class AvatarMissCharge {

	private static final String ATTRIBUTE = AvatarMissCharge.class.getName();

	private AvatarMissCharge() {
	}

	/** The lookup of {@code request} may spend from {@code budget}. */
	static void open(HttpServletRequest request, RateLimiter.Budget budget) {
		request.setAttribute(ATTRIBUTE, new Charge(budget));
	}

	/**
	 * Before a lookup that may read the database: the miss is taken now. Past the budget
	 * it is refused with the limit's headers, and nothing is read.
	 */
	public static void beforeLookup(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge && charge.decision == null) {
			RateLimitDecision decision = charge.budget.take();
			decision.enforce(response);
			charge.decision = decision;
		}
	}

	/**
	 * The answer says there is no avatar: the miss stays spent, taken now if no lookup
	 * took it. Null when it is, else the refusal (past the budget), for a 429 instead.
	 */
	public static RateLimitDecision missed(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			if (charge.decision == null) {
				RateLimitDecision decision = charge.budget.take();
				if (!decision.allowed()) {
					return decision;
				}
				charge.decision = decision;
			}
			charge.kept = true;
		}
		return null;
	}

	/** A 404 carries the client's miss budget. */
	public static void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge && charge.decision != null) {
			charge.decision.writeHeaders(response);
		}
	}

	/**
	 * Once answered: a miss taken for a lookup goes back unless the answer was a miss.
	 */
	static void settle(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Charge charge) {
			request.removeAttribute(ATTRIBUTE);
			if (charge.decision != null && !charge.kept) {
				charge.budget.refund();
			}
		}
	}

	private static final class Charge {

		private final RateLimiter.Budget budget;

		/** The take, once taken. */
		private RateLimitDecision decision;

		private boolean kept;

		private Charge(RateLimiter.Budget budget) {
			this.budget = budget;
		}

	}

}

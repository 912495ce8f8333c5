package dev.facecard.auth;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429 from inside Spring MVC (a deferred limit), with the limit's headers. */
public class RateLimitExceededException extends ErrorResponseException {

	public RateLimitExceededException(RateLimitDecision decision) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests; retry after " + decision.retryAfterSeconds() + " s."), null);
		getHeaders().set("X-RateLimit-Limit", Long.toString(decision.limit()));
		getHeaders().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
		getHeaders().set("X-RateLimit-Reset", Long.toString(decision.resetEpochSecond()));
		getHeaders().set("Retry-After", Long.toString(decision.retryAfterSeconds()));
	}

}

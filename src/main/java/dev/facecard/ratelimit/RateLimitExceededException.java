package dev.facecard.ratelimit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 429 from inside Spring MVC (a deferred limit); its headers are on the response already.
 */
public class RateLimitExceededException extends ErrorResponseException {

	public RateLimitExceededException(RateLimitDecision decision) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests; retry after " + decision.retryAfterSeconds() + " s."), null);
	}

}

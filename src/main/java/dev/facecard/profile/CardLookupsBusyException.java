package dev.facecard.profile;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 503: a card miss waited {@code facecard.cache.profile-miss-wait} for a turn at a card
 * statement (the statements under way are slow or the misses too many); worth a retry
 * soon. Counted in {@code facecard.profile.miss-refusals}, apart from a database that
 * fails.
 */
class CardLookupsBusyException extends ErrorResponseException {

	CardLookupsBusyException() {
		super(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Too many profile lookups at once."),
				null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
	}

	/** Thrown while the service sheds load: no stack trace to fill. */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}

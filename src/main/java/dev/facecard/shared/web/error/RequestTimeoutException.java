package dev.facecard.shared.web.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 408: the request body did not arrive within {@code facecard.deadlines.body}. */
public class RequestTimeoutException extends ErrorResponseException {

	public RequestTimeoutException(String detail) {
		super(HttpStatus.REQUEST_TIMEOUT, ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, detail), null);
	}

}

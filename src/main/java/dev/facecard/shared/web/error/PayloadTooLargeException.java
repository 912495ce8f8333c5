package dev.facecard.shared.web.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 413: the request body is larger than the configured limit. */
public class PayloadTooLargeException extends ErrorResponseException {

	public PayloadTooLargeException(String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail),
				null);
	}

}

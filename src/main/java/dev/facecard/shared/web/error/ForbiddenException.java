package dev.facecard.shared.web.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 403: the caller is known, and this call is not theirs to make. */
public class ForbiddenException extends ErrorResponseException {

	public ForbiddenException(String detail) {
		super(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail), null);
	}

}

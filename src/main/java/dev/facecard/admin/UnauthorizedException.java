package dev.facecard.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 401 with a {@code WWW-Authenticate: Bearer} challenge. */
class UnauthorizedException extends ErrorResponseException {

	UnauthorizedException(String detail) {
		super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

}

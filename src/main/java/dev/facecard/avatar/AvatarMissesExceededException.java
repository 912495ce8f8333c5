package dev.facecard.avatar;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429 for a lookup past the avatar-miss budget (its headers are on the response already). */
class AvatarMissesExceededException extends ErrorResponseException {

	AvatarMissesExceededException() {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS), null);
	}

}

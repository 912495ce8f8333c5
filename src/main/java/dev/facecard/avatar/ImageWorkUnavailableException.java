package dev.facecard.avatar;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 503: every image-work slot stayed busy for the longest wait ({@link ImageWork}); worth
 * a retry soon.
 */
class ImageWorkUnavailableException extends ErrorResponseException {

	ImageWorkUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Too much image work at once."), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
	}

}

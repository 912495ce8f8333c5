package dev.facecard.shared.web.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 503 with {@code Retry-After: 1}: a bounded resource stayed busy for its longest wait;
 * worth a retry soon. Thrown while the service sheds load, so it fills no stack trace.
 */
public abstract class ServiceBusyException extends ErrorResponseException {

	protected ServiceBusyException(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail),
				null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}

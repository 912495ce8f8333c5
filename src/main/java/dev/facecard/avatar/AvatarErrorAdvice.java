package dev.facecard.avatar;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.ratelimit.AvatarMissCharge;
import dev.facecard.ratelimit.RateLimitDecision;
import dev.facecard.ratelimit.RateLimitExceededException;
import dev.facecard.shared.data.DatabaseFailures;
import dev.facecard.shared.web.error.AvatarError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one error path of the avatar endpoints, in the nobase contract's format:
 * {@code {"code":…,"msg":…}}, exactly two fields. Every not-found case gets the same
 * message, so the answer does not tell whether a username exists.
 */
@RestControllerAdvice(assignableTypes = AvatarController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AvatarErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(AvatarErrorAdvice.class);

	@ExceptionHandler(Exception.class)
	ResponseEntity<AvatarError> handle(Exception error, HttpServletRequest request, HttpServletResponse response) {
		if (error instanceof ErrorResponse errorResponse) {
			HttpStatus status = HttpStatus.valueOf(errorResponse.getStatusCode().value());
			if (status == HttpStatus.NOT_FOUND) {
				return notFound(request, response);
			}
			// the refusal's own headers: Retry-After of a 503 when image work is
			// saturated, Allow of a 405
			errorResponse.getHeaders()
				.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
			return json(status, AvatarError.of(status.value()));
		}
		if (DatabaseFailures.isUnavailable(error)) {
			log.warn("Database unavailable: {}", error.getClass().getName());
			return json(HttpStatus.SERVICE_UNAVAILABLE, AvatarError.UNAVAILABLE);
		}
		log.error("Unexpected error serving an avatar", error);
		return json(HttpStatus.INTERNAL_SERVER_ERROR, AvatarError.INTERNAL);
	}

	/**
	 * A miss: it spends a miss of the client's budget (the one its lookup took, or one
	 * now), and tells the client its budget (which is why no cache may keep the answer);
	 * past the budget, the 429 instead.
	 */
	private ResponseEntity<AvatarError> notFound(HttpServletRequest request, HttpServletResponse response) {
		RateLimitDecision refused = AvatarMissCharge.missed(request);
		if (refused != null) {
			refused.writeHeaders(response);
			return handle(new RateLimitExceededException(refused), request, response);
		}
		AvatarMissCharge.writeHeaders(request, response);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return json(HttpStatus.NOT_FOUND, AvatarError.NOT_FOUND);
	}

	/** JSON whatever the request's Accept says: an {@code <img>} asks for images only. */
	private static ResponseEntity<AvatarError> json(HttpStatus status, AvatarError body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}

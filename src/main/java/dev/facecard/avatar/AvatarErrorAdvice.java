package dev.facecard.avatar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.facecard.system.DatabaseFailures;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one error path of the avatar endpoints, in the nobase seed's format: {@code {"code":…,"msg":…}},
 * exactly two fields. Every not-found case gets the same message, so the answer does not tell whether a
 * username exists.
 */
@RestControllerAdvice(assignableTypes = AvatarController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AvatarErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(AvatarErrorAdvice.class);

	/** The seed's error body. */
	record AvatarError(int code, String msg) {
	}

	static final AvatarError INVALID_PARAMETERS = new AvatarError(204, "接口参数错误");

	static final AvatarError NOT_FOUND = new AvatarError(404, "用户不存在");

	static final AvatarError UNAVAILABLE = new AvatarError(503, "服务暂不可用");

	static final AvatarError INTERNAL = new AvatarError(500, "服务器内部错误");

	@ExceptionHandler(Exception.class)
	ResponseEntity<AvatarError> handle(Exception error) {
		if (error instanceof ErrorResponse response) {
			HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
			return switch (status) {
				case NOT_FOUND -> json(status, NOT_FOUND);
				case BAD_REQUEST -> json(status, INVALID_PARAMETERS);
				default -> json(status, new AvatarError(status.value(), status.getReasonPhrase()));
			};
		}
		if (DatabaseFailures.isUnavailable(error)) {
			log.warn("Database unavailable: {}", error.getClass().getName());
			return json(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
		}
		log.error("Unexpected error serving an avatar", error);
		return json(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL);
	}

	/** JSON whatever the request's Accept says: an {@code <img>} asks for images only. */
	private static ResponseEntity<AvatarError> json(HttpStatus status, AvatarError body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}

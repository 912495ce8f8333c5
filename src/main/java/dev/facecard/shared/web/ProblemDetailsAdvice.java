package dev.facecard.shared.web;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.facecard.shared.data.DatabaseFailures;
import dev.facecard.shared.web.RequestPaths;
import dev.facecard.shared.web.error.AvatarError;
import dev.facecard.shared.web.error.Problems;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one error path of every JSON API but get_avatar: RFC 9457 problem details. Spring's
 * own MVC exceptions and every {@link org.springframework.web.ErrorResponse} (our
 * 400/404/409/413) come through the base class; nothing of an exception's message, class
 * or stack reaches the client.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/**
	 * A unique or foreign key that a concurrent request took between our check and our
	 * write.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail conflict(DataIntegrityViolationException error) {
		log.info("Write refused by a database constraint: {}", error.getMostSpecificCause().getClass().getName());
		return problem(HttpStatus.CONFLICT, "The request conflicts with stored data.");
	}

	/**
	 * A query string with broken percent-encoding or invalid UTF-8: Tomcat refuses to
	 * parse it once a handler reads a parameter ({@code @RequestParam}).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail badQueryString(InvalidParameterException error) {
		return problem(HttpStatus.BAD_REQUEST, "The query string is not valid percent-encoded UTF-8.");
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception error) {
		if (DatabaseFailures.isUnavailable(error)) {
			log.warn("Database unavailable: {}", error.getClass().getName());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable.");
		}
		log.error("Unexpected error", error);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.");
	}

	/**
	 * Every answer the base class builds passes here: on the avatar paths (a method or
	 * path no avatar endpoint takes) it becomes the nobase contract's body; elsewhere the
	 * problem gets its {@code type}, and it is never stored by a cache
	 * ({@link ErrorCaching}).
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders given, HttpStatusCode statusCode,
			WebRequest request) {
		HttpHeaders headers = given;
		if (request instanceof ServletWebRequest servlet && ErrorCaching.storable(servlet.getRequest().getMethod())
				&& !given.containsHeader(HttpHeaders.CACHE_CONTROL)) {
			headers = new HttpHeaders();
			headers.putAll(given);
			headers.setCacheControl(CacheControl.noStore());
		}
		if (request instanceof ServletWebRequest servlet
				&& PublicPaths.servesAvatars(RequestPaths.lenientlyDecoded(servlet.getRequest().getRequestURI()))) {
			HttpHeaders json = new HttpHeaders();
			json.putAll(headers);
			json.setContentType(MediaType.APPLICATION_JSON);
			return new ResponseEntity<>(AvatarError.of(statusCode.value()), json, statusCode);
		}
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(Problems.BLANK_TYPE);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/**
	 * {@code Allow} names {@code HEAD} beside {@code GET}: Spring MVC answers it for
	 * every {@code GET} route, but lists only the methods a route declares.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Set<HttpMethod> supported = ex.getSupportedHttpMethods();
		if (supported != null && supported.contains(HttpMethod.GET) && !supported.contains(HttpMethod.HEAD)) {
			Set<HttpMethod> allowed = new LinkedHashSet<>(supported);
			allowed.add(HttpMethod.HEAD);
			HttpHeaders withHead = new HttpHeaders();
			withHead.putAll(headers);
			withHead.setAllow(allowed);
			return super.handleHttpRequestMethodNotSupported(ex, withHead, status, request);
		}
		return super.handleHttpRequestMethodNotSupported(ex, headers, status, request);
	}

	/**
	 * No wording about static resources: there are none, only endpoints that do not
	 * exist.
	 */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return createResponseEntity(problem(HttpStatus.NOT_FOUND, "No such resource."), headers, status, request);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		return Problems.of(status, detail);
	}

}

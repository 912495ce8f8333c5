package dev.facecard.shared.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.shared.data.DatabaseFailures;
import dev.facecard.shared.web.error.AvatarError;
import dev.facecard.shared.web.error.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UrlPathHelper;

/**
 * The answer to errors that no handler answered: requests Tomcat refuses before any
 * filter runs (too many cookies, say), methods Spring MVC never dispatches (TRACE), and
 * whatever a filter throws. Always JSON with nothing but the status, whatever the request
 * accepts (neither Spring Boot's whitelabel page nor an HTML error page), in the format
 * of the path: the nobase contract's {@code {"code","msg"}} on the avatar paths,
 * problem+json elsewhere.
 */
@RestController
@Hidden
class ErrorJsonController implements ErrorController {

	/**
	 * Turns the refused request's raw URI into the path Spring MVC would have matched.
	 */
	private static final UrlPathHelper URL_PATHS = new UrlPathHelper();

	private final JsonMapper json;

	ErrorJsonController(JsonMapper json) {
		this.json = json;
	}

	@RequestMapping("${spring.web.error.path:/error}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		HttpStatus status = status(request);
		ErrorCaching.neverStored(request, response);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path && PublicPaths
			.servesAvatars(URL_PATHS.decodeRequestString(request, URL_PATHS.removeSemicolonContent(path)))) {
			AvatarError.write(response, this.json, status.value());
			return;
		}
		Problems.write(response, this.json, status, status.getReasonPhrase() + ".");
	}

	/**
	 * The error's status: 503 when what escaped was the database being unreachable, 404
	 * for a request to the error path itself (no error at all).
	 */
	private static HttpStatus status(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error
				&& DatabaseFailures.isUnavailable(error)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			return HttpStatus.NOT_FOUND;
		}
		return (code instanceof Integer value && value >= 400 && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}

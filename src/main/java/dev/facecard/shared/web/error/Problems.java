package dev.facecard.shared.web.error;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details as every JSON API of Facecard but get_avatar answers them. */
public final class Problems {

	/**
	 * The problem means no more than its status code. Spring 7 leaves {@code type} out
	 * unless set.
	 */
	public static final URI BLANK_TYPE = URI.create("about:blank");

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(BLANK_TYPE);
		return problem;
	}

	/**
	 * Writes a problem from a servlet filter, which answers before Spring MVC (and its
	 * advice) is involved.
	 */
	public static void write(HttpServletResponse response, JsonMapper json, HttpStatusCode status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), body(status, detail));
	}

	/** The standard reason phrase of {@code status}, the title of its problems. */
	public static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/** The members of a problem, in the order Spring MVC writes them. */
	public static Map<String, Object> body(HttpStatusCode status, String detail) {
		ProblemDetail problem = of(status, detail);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		return body;
	}

}

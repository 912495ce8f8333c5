package dev.facecard.system;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details as every JSON API of Facecard but get_avatar answers them. */
public final class Problems {

	/** The problem means no more than its status code. Spring 7 leaves {@code type} out unless set. */
	static final URI BLANK_TYPE = URI.create("about:blank");

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(BLANK_TYPE);
		return problem;
	}

}

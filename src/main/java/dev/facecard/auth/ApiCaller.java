package dev.facecard.auth;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who calls {@code /api/**}: the owner of a valid bearer API key, or nobody. Set by
 * {@link ApiAccessFilter} on the request, read by the endpoints.
 */
public record ApiCaller(String userId) {

	private static final String ATTRIBUTE = ApiCaller.class.getName();

	public static void set(HttpServletRequest request, ApiCaller caller) {
		request.setAttribute(ATTRIBUTE, caller);
	}

	/** The authenticated caller of this request, if it carried a valid token. */
	public static Optional<ApiCaller> of(HttpServletRequest request) {
		return Optional.ofNullable((ApiCaller) request.getAttribute(ATTRIBUTE));
	}

}

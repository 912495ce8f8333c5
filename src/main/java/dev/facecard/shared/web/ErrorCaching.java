package dev.facecard.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The error answer of a {@code GET} or {@code HEAD} is never stored by a cache
 * ({@code no-store}): a 404, 405 or 501 may be kept by heuristic, and would then be
 * served for a user created since, or in place of the 401 another request's
 * {@code Authorization} gets. Every writer of error answers asks here.
 */
final class ErrorCaching {

	private ErrorCaching() {
	}

	/** Whether an answer to {@code method} may be stored by a cache at all. */
	static boolean storable(String method) {
		return "GET".equals(method) || "HEAD".equals(method);
	}

	/** Marks the error answer of {@code request} as never stored, if it could be. */
	static void neverStored(HttpServletRequest request, HttpServletResponse response) {
		if (storable(request.getMethod())) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
	}

}

package dev.facecard.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every answer carries, set before anything else runs so that error answers
 * (written by filters, advice or the error page) have them too: {@code nosniff}
 * everywhere, and on avatars {@code Cross-Origin-Resource-Policy: cross-origin}, so that
 * pages isolated with {@code Cross-Origin-Embedder-Policy: require-corp} may still embed
 * them in {@code <img>}.
 */
public class ResponseHeadersFilter extends HttpFilter {

	private static final HeaderBytes.Name CONTENT_TYPE_OPTIONS = HeaderBytes.Name.of("X-Content-Type-Options");

	private static final HeaderBytes.Name RESOURCE_POLICY = HeaderBytes.Name.of("Cross-Origin-Resource-Policy");

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the path as written, as every place that picks an error format reads it
		setHeaders(RequestPaths.lenientlyDecoded(request.getRequestURI()), request, response);
		chain.doFilter(request, response);
	}

	/** The headers of every answer on {@code path} (decoded). */
	public static void setHeaders(String path, HttpServletRequest request, HttpServletResponse response) {
		HeaderBytes.set(request, response, CONTENT_TYPE_OPTIONS, "nosniff");
		if (PublicPaths.servesAvatars(path)) {
			HeaderBytes.set(request, response, RESOURCE_POLICY, "cross-origin");
		}
	}

}

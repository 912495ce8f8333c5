package dev.facecard.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.shared.web.error.AvatarError;
import dev.facecard.shared.web.error.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Refuses paths with a {@code .} or {@code ..} segment (written or percent-encoded) or an
 * encoded separator ({@link RequestPaths#isAmbiguous}) with a 400 in the path's format:
 * Tomcat would normalise them and Spring MVC match them raw, so the limits and the
 * endpoint could see two different paths.
 */
class AmbiguousPathFilter extends HttpFilter {

	private final JsonMapper json;

	AmbiguousPathFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String raw = request.getRequestURI();
		// the admin API's gate comes first on its paths: without the token a caller
		// learns nothing about them
		if (!RequestPaths.isAmbiguous(raw) || request.getServletPath().startsWith("/admin/")) {
			chain.doFilter(request, response);
			return;
		}
		if (PublicPaths.servesAvatars(RequestPaths.lenientlyDecoded(raw))) {
			AvatarError.write(response, this.json, HttpStatus.BAD_REQUEST.value());
		}
		else {
			Problems.write(response, this.json, HttpStatus.BAD_REQUEST,
					"The path has a '.' or '..' segment or an encoded separator.");
		}
	}

}

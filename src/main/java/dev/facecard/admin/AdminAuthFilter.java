package dev.facecard.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.system.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request into {@code /admin/**} only with {@code Authorization: Bearer <admin token>}; anything
 * else is 401 before Spring MVC looks at the request, so an unauthenticated caller learns nothing about
 * which paths, methods or media types exist.
 */
class AdminAuthFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final AdminToken adminToken;

	private final JsonMapper json;

	AdminAuthFilter(AdminToken adminToken, JsonMapper json) {
		this.adminToken = adminToken;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| !this.adminToken.matches(authorization.substring(BEARER.length()).strip())) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			Problems.write(response, this.json, HttpStatus.UNAUTHORIZED,
					"The admin API needs 'Authorization: Bearer <admin token>'.");
			return;
		}
		chain.doFilter(request, response);
	}

}

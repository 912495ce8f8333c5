package dev.facecard.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.auth.RateLimitDecision;
import dev.facecard.auth.RateLimiter;
import dev.facecard.system.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request into {@code /admin/**} only with {@code Authorization: Bearer <admin token>}; anything
 * else is 401 before Spring MVC looks at the request, so an unauthenticated caller learns nothing about
 * which paths, methods or media types exist. Wrong tokens are limited per client IP
 * ({@code facecard.rate-limit.admin-failures}): once an IP has used its budget, every admin request from it is
 * 429 until the budget refills, the right token included, so the token cannot be guessed; other IPs are not
 * affected.
 */
class AdminAuthFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final AdminToken adminToken;

	private final RateLimiter rateLimiter;

	private final JsonMapper json;

	AdminAuthFilter(AdminToken adminToken, RateLimiter rateLimiter, JsonMapper json) {
		this.adminToken = adminToken;
		this.rateLimiter = rateLimiter;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientIp = request.getRemoteAddr();
		RateLimitDecision lockout = this.rateLimiter.checkAdminFailures(clientIp);
		if (!lockout.allowed()) {
			lockout.writeHeaders(response);
			Problems.write(response, this.json, HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests with a wrong admin token; retry after " + lockout.retryAfterSeconds() + " s.");
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| !this.adminToken.matches(authorization.substring(BEARER.length()).strip())) {
			this.rateLimiter.takeAdminFailure(clientIp);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			Problems.write(response, this.json, HttpStatus.UNAUTHORIZED,
					"The admin API needs 'Authorization: Bearer <admin token>'.");
			return;
		}
		chain.doFilter(request, response);
	}

}

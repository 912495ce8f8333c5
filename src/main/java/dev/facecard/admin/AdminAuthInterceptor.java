package dev.facecard.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request into {@code /admin/**} only with {@code Authorization: Bearer <admin token>}. A refusal
 * is thrown, so it leaves through the same problem+json path as every other admin error.
 */
class AdminAuthInterceptor implements HandlerInterceptor {

	private static final String BEARER = "Bearer ";

	private final AdminToken adminToken;

	AdminAuthInterceptor(AdminToken adminToken) {
		this.adminToken = adminToken;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| !this.adminToken.matches(authorization.substring(BEARER.length()).strip())) {
			throw new UnauthorizedException("The admin API needs 'Authorization: Bearer <admin token>'.");
		}
		return true;
	}

}

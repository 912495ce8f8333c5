package dev.facecard.admin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.app.AppCredentialAuthenticator;
import dev.facecard.app.AppScope;
import dev.facecard.ratelimit.RateLimitDecision;
import dev.facecard.ratelimit.RateLimiter;
import dev.facecard.shared.cache.TurnTimeoutException;
import dev.facecard.shared.data.DatabaseFailures;
import dev.facecard.shared.web.ClientAddresses;
import dev.facecard.shared.web.error.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Lets a request into {@code /admin/**} only with
 * {@code Authorization: Bearer <admin token>} (reaching every app) or
 * {@code Bearer <app credential>} (reaching that app's users, {@link AdminScopes});
 * anything else is refused before Spring MVC looks at the request, so an unauthenticated
 * caller learns nothing about which paths, methods or media types exist. In order:
 * <ul>
 * <li>from outside {@code facecard.admin.allowed-networks} (when set): 403;</li>
 * <li>without any credential: 401, free, so that nobody sharing the operator's address (a
 * NAT, the proxy) can use up its budget by sending nothing;</li>
 * <li>from a client whose wrong tokens used up
 * {@code facecard.rate-limit.admin-failures}: 429 until the budget refills, the right
 * token included, so the token cannot be guessed;</li>
 * <li>a wrong token, or an app credential that is unknown or revoked: 401, and it spends
 * the budget;</li>
 * <li>an app credential not cached whose lookup found the credential statement busy for
 * {@code facecard.cache.lookup-wait}: 503 with {@code Retry-After: 1}, no budget
 * spent.</li>
 * </ul>
 * So a client out of budget costs no database statement, and a credential is looked up
 * (then cached) only for a client that has budget left.
 */
class AdminAuthFilter extends HttpFilter {

	private static final String BEARER = "Bearer ";

	private final AdminToken adminToken;

	private final AppCredentialAuthenticator appCredentials;

	private final RateLimiter rateLimiter;

	private final List<ClientAddresses.Network> allowedNetworks;

	private final JsonMapper json;

	AdminAuthFilter(AdminToken adminToken, AppCredentialAuthenticator appCredentials, RateLimiter rateLimiter,
			List<ClientAddresses.Network> allowedNetworks, JsonMapper json) {
		this.adminToken = adminToken;
		this.appCredentials = appCredentials;
		this.rateLimiter = rateLimiter;
		this.allowedNetworks = List.copyOf(allowedNetworks);
		this.json = json;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientIp = request.getRemoteAddr();
		if (!this.allowedNetworks.isEmpty()
				&& this.allowedNetworks.stream().noneMatch(network -> network.contains(clientIp))) {
			Problems.write(response, this.json, HttpStatus.FORBIDDEN,
					"The admin API is not reachable from this network.");
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.isBlank()) {
			unauthorized(response);
			return;
		}
		RateLimiter.Budget failures = this.rateLimiter.adminFailures(clientIp);
		RateLimitDecision lockout = failures.check();
		if (!lockout.allowed()) {
			lockout.writeHeaders(response);
			Problems.write(response, this.json, HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests with a wrong admin token or app credential; retry after "
							+ lockout.retryAfterSeconds() + " s.");
			return;
		}
		AppScope scope;
		try {
			scope = scope(authorization);
		}
		catch (TurnTimeoutException ex) {
			// the credential statement stayed busy, the database answering: nothing is
			// known of the credential, so no budget is spent
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			Problems.write(response, this.json, HttpStatus.SERVICE_UNAVAILABLE, "Too many credential lookups at once.");
			return;
		}
		catch (RuntimeException ex) {
			// a credential not cached needs the database: unreachable, this is the admin
			// API's 503, as inside MVC
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			Problems.write(response, this.json, HttpStatus.SERVICE_UNAVAILABLE,
					"The service is temporarily unavailable.");
			return;
		}
		if (scope == null) {
			failures.take();
			unauthorized(response);
			return;
		}
		AdminScopes.set(request, scope);
		chain.doFilter(request, response);
	}

	/**
	 * What the header reaches; null when it is no admin token and no working credential.
	 */
	private AppScope scope(String authorization) {
		if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String presented = authorization.substring(BEARER.length()).strip();
		if (this.adminToken.matches(presented)) {
			return AppScope.PLATFORM;
		}
		return this.appCredentials.authenticate(presented).orElse(null);
	}

	private void unauthorized(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		Problems.write(response, this.json, HttpStatus.UNAUTHORIZED,
				"The admin API needs 'Authorization: Bearer <admin token or app credential>'.");
	}

}

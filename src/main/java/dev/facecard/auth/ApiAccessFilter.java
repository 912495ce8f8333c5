package dev.facecard.auth;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.auth.ApiKeyAuthenticator.Result;
import dev.facecard.avatar.AvatarError;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.system.DatabaseFailures;
import dev.facecard.system.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The one gate of {@code /api/**}: resolves an optional {@code Authorization: Bearer} API key (401 when it is
 * present but not valid) and applies the rate limits (429 past them), with {@code X-RateLimit-*} headers on
 * every limited answer. It answers before Spring MVC exists for the request, so it writes the two error
 * formats itself: the nobase seed's JSON for get_avatar, problem+json elsewhere.
 *
 * <p>The client IP is the socket's address. Behind a proxy, the operator enables
 * {@code server.forward-headers-strategy=native} and lists the proxies in
 * {@code server.tomcat.remoteip.internal-proxies}; Tomcat then trusts {@code X-Forwarded-For} from those
 * peers only, so a forged header from anyone else changes nothing.
 */
class ApiAccessFilter extends OncePerRequestFilter {

	static final String AVATAR_PATH = AvatarUrls.LOOKUP_PATH;

	static final String PROFILE_PATH = "/api/get-public-user-profile";

	private static final UrlPathHelper URL_PATHS = new UrlPathHelper();

	static {
		URL_PATHS.setRemoveSemicolonContent(true);
		URL_PATHS.setUrlDecode(true);
	}

	private final ApiKeyAuthenticator authenticator;

	private final RateLimiter rateLimiter;

	private final JsonMapper json;

	ApiAccessFilter(ApiKeyAuthenticator authenticator, RateLimiter rateLimiter, JsonMapper json) {
		this.authenticator = authenticator;
		this.rateLimiter = rateLimiter;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the decoded, normalised path Spring MVC matches on: ";x=1" or "%5F" must not dodge a limit
		String path = URL_PATHS.getPathWithinApplication(request);
		boolean avatarLookup = AVATAR_PATH.equals(path);
		String clientIp = request.getRemoteAddr();
		Result result;
		try {
			result = this.authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
		}
		catch (RuntimeException ex) {
			// an uncached token needs the database: unreachable, this is the endpoint's 503, as inside MVC
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			reject(response, HttpStatus.SERVICE_UNAVAILABLE, avatarLookup, AvatarError.UNAVAILABLE,
					"The service is temporarily unavailable.");
			return;
		}
		if (result instanceof Result.Refused) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			reject(response, HttpStatus.UNAUTHORIZED, avatarLookup, AvatarError.UNAUTHORIZED,
					"The API key is malformed, unknown or revoked, or its owner is banned.");
			return;
		}
		Supplier<RateLimitDecision> take = null;
		if (result instanceof Result.Authenticated authenticated) {
			ApiCaller.set(request, authenticated.caller());
			take = () -> this.rateLimiter.takeAuthenticated(authenticated.caller().userId());
		}
		else if (!avatarLookup) {
			take = () -> this.rateLimiter.takeAnonymous(clientIp);
		}
		RateLimitDecision decision = null;
		if (take != null && "GET".equals(request.getMethod()) && PROFILE_PATH.equals(path)
				&& request.getHeader(HttpHeaders.IF_NONE_MATCH) != null) {
			DeferredLimit.FULL_ANSWER.install(request, take); // a 304 will cost nothing
		}
		else if (take != null) {
			decision = take.get();
		}
		if (decision != null) {
			decision.writeHeaders(response);
			if (!decision.allowed()) {
				reject(response, HttpStatus.TOO_MANY_REQUESTS, avatarLookup, AvatarError.RATE_LIMITED,
						"Too many requests; retry after " + decision.retryAfterSeconds() + " s.");
				return;
			}
		}
		if (avatarLookup) {
			DeferredLimit.AVATAR_MISS.install(request, () -> this.rateLimiter.takeAvatarMiss(clientIp));
		}
		chain.doFilter(request, response);
	}

	private void reject(HttpServletResponse response, HttpStatus status, boolean avatarLookup, AvatarError avatarBody,
			String problemDetail) throws IOException {
		if (avatarLookup) {
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), avatarBody);
		}
		else {
			Problems.write(response, this.json, status, problemDetail);
		}
	}

}

package dev.facecard.ratelimit;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.auth.ApiCaller;
import dev.facecard.auth.ApiKeyAuthenticator;
import dev.facecard.auth.ApiKeyAuthenticator.Result;
import dev.facecard.shared.cache.TurnTimeoutException;
import dev.facecard.shared.data.DatabaseFailures;
import dev.facecard.shared.web.PublicPaths;
import dev.facecard.shared.web.RequestTelemetryFilter;
import dev.facecard.shared.web.error.AvatarError;
import dev.facecard.shared.web.error.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UrlPathHelper;

/**
 * The one gate of {@code /api/**} and the avatar URLs: resolves an optional
 * {@code Authorization: Bearer} API key (401 when it is present but not valid; the avatar
 * paths read none, since anyone may embed them, as the nobase contract says) and applies
 * the rate limits (429 past them) before any endpoint does work, with
 * {@code X-RateLimit-*} headers on every charged answer. It answers before Spring MVC
 * exists for the request, so it writes the two error formats itself: the nobase
 * contract's JSON on the avatar paths, problem+json elsewhere.
 *
 * <p>
 * A client is its socket's address (an IPv6 client its /64, {@link RateLimiter}). Behind
 * a proxy, the operator enables {@code server.forward-headers-strategy=native} and lists
 * the proxies in {@code server.tomcat.remoteip.internal-proxies}; Tomcat then trusts
 * {@code X-Forwarded-For} from those peers only, so a forged header from anyone else
 * changes nothing.
 */
class ApiAccessFilter extends HttpFilter {

	private static final Set<String> ROUTES = Set.of(PublicPaths.AVATAR_LOOKUP, PublicPaths.PROFILE,
			PublicPaths.PROFILES, PublicPaths.OWN_PROFILE);

	private static final UrlPathHelper URL_PATHS = new UrlPathHelper();

	static {
		URL_PATHS.setRemoveSemicolonContent(true);
		URL_PATHS.setUrlDecode(true);
	}

	private final ApiKeyAuthenticator authenticator;

	private final RateLimiter rateLimiter;

	private final JsonMapper json;

	/**
	 * {@code facecard.public-base-url} is set: an anonymous card's GET form is then
	 * public.
	 */
	private final boolean fixedAvatarBase;

	ApiAccessFilter(ApiKeyAuthenticator authenticator, RateLimiter rateLimiter, JsonMapper json,
			boolean fixedAvatarBase) {
		this.authenticator = authenticator;
		this.rateLimiter = rateLimiter;
		this.json = json;
		this.fixedAvatarBase = fixedAvatarBase;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the decoded, normalised path Spring MVC matches on: ";x=1" or "%5F" must not
		// dodge a limit
		String path = URL_PATHS.getPathWithinApplication(request);
		boolean avatarLookup = PublicPaths.servesAvatars(path);
		String route = route(path);
		if (route != null) { // what the request is timed under when this gate refuses it
			request.setAttribute(RequestTelemetryFilter.ENDPOINT_ATTRIBUTE, route);
		}
		String clientIp = request.getRemoteAddr();
		// an avatar answers the same to everyone: what a browser or an SDK sends along
		// (a site's Basic credentials, a stale key) must not break an <img>
		Result result = avatarLookup ? new Result.Anonymous()
				: authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), clientIp, response);
		if (result == null) {
			return; // refused
		}
		if (result instanceof Result.Anonymous && PublicPaths.OWN_PROFILE.equals(path)) {
			// whose profile is named by the key alone; refusing costs no work, so no
			// budget
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			reject(response, HttpStatus.UNAUTHORIZED, false, "This call needs 'Authorization: Bearer <API key>'.");
			return;
		}
		RateLimiter.Budget budget = null;
		if (result instanceof Result.Authenticated authenticated) {
			ApiCaller.set(request, authenticated.caller());
			budget = this.rateLimiter.authenticated(authenticated.caller().userId());
		}
		else if (!avatarLookup) {
			budget = this.rateLimiter.anonymous(clientIp);
		}
		boolean getForm = ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
				&& PublicPaths.PROFILE.equals(path);
		// an answer a shared cache may keep carries no client's budget, only a refusal
		// does
		boolean shared = avatarLookup
				|| (getForm && budget != null && result instanceof Result.Anonymous && this.fixedAvatarBase);
		if (budget != null && getForm && request.getHeader(HttpHeaders.IF_NONE_MATCH) != null) {
			// a 304 will cost nothing, but a client without budget gets no lookup either
			if (refused(budget.check(), response, avatarLookup)) {
				return;
			}
			DeferredLimit.FULL_ANSWER.install(request, budget, shared);
		}
		else if (budget != null) {
			RateLimitDecision decision = budget.take();
			if (refused(decision, response, avatarLookup)) {
				return;
			}
			if (!shared) {
				decision.writeHeaders(response);
			}
			DeferredLimit.MORE_UNITS.install(request, budget, shared);
		}
		if (avatarLookup) {
			// once the misses are spent no lookup runs, so a 200 beside the 429s tells
			// nothing; a miss is taken only by a lookup that may read the database, or
			// by an answer that is a miss (AvatarMissCharge)
			RateLimiter.Budget misses = this.rateLimiter.avatarMisses(clientIp);
			if (refused(misses.check(), response, true)) {
				return;
			}
			AvatarMissCharge.open(request, misses);
			try {
				chain.doFilter(request, response);
			}
			finally {
				AvatarMissCharge.settle(request);
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The caller an {@code Authorization} header names, or null when the request was
	 * refused. A key that is not known to be valid (uncached, or cached as revoked) is
	 * looked up only while the client's budget of failed keys lasts: past it, the answer
	 * is a 429 without any lookup, so made-up keys cost the database nothing.
	 */
	private Result authenticate(String authorization, String clientIp, HttpServletResponse response)
			throws IOException {
		Result result = this.authenticator.fromCache(authorization);
		if (result instanceof Result.Anonymous || result instanceof Result.Authenticated) {
			return result;
		}
		RateLimiter.Budget failures = this.rateLimiter.keyFailures(clientIp);
		if (refused(failures.check(), response, false)) {
			return null;
		}
		if (result == null) {
			try {
				result = this.authenticator.authenticate(authorization);
			}
			catch (TurnTimeoutException ex) {
				// every key statement stayed busy: the database answers, too many lookups
				response.setHeader(HttpHeaders.RETRY_AFTER, "1");
				reject(response, HttpStatus.SERVICE_UNAVAILABLE, false, "Too many key lookups at once.");
				return null;
			}
			catch (RuntimeException ex) {
				// an uncached key needs the database: unreachable, this is the endpoint's
				// 503, as inside MVC
				if (!DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				reject(response, HttpStatus.SERVICE_UNAVAILABLE, false, "The service is temporarily unavailable.");
				return null;
			}
		}
		if (result instanceof Result.Refused) {
			failures.take();
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			reject(response, HttpStatus.UNAUTHORIZED, false,
					"The API key is malformed, unknown or revoked, or its owner is banned.");
			return null;
		}
		return result;
	}

	/** The route of one of the gate's endpoints that {@code path} is, or null. */
	private static String route(String path) {
		if (path.startsWith(PublicPaths.AVATARS_BY_HASH_PREFIX)) {
			return path.endsWith(".webp") ? PublicPaths.AVATAR_BY_HASH_WEBP : PublicPaths.AVATAR_BY_HASH;
		}
		return ROUTES.contains(path) ? path : null;
	}

	/**
	 * Answers 429 with the limit's headers when {@code decision} refuses; true when it
	 * did. An allowed check writes no headers: avatars are cached by shared caches, which
	 * must not keep one client's budget.
	 */
	private boolean refused(RateLimitDecision decision, HttpServletResponse response, boolean avatarLookup)
			throws IOException {
		if (decision.allowed()) {
			return false;
		}
		decision.writeHeaders(response);
		reject(response, HttpStatus.TOO_MANY_REQUESTS, avatarLookup,
				"Too many requests; retry after " + decision.retryAfterSeconds() + " s.");
		return true;
	}

	private void reject(HttpServletResponse response, HttpStatus status, boolean avatarLookup, String problemDetail)
			throws IOException {
		if (avatarLookup) {
			AvatarError.write(response, this.json, status.value());
		}
		else {
			Problems.write(response, this.json, status, problemDetail);
		}
	}

}

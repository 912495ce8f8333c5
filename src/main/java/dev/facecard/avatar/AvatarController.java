package dev.facecard.avatar;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.ratelimit.AvatarMissCharge;
import dev.facecard.ratelimit.RateLimitDecision;
import dev.facecard.ratelimit.RateLimiter;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.ConditionalRequests;
import dev.facecard.shared.web.HeaderBytes;
import dev.facecard.shared.web.PublicPaths;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public avatar endpoints. They answer image bytes with a strong ETag (the content
 * hash) and Last-Modified: JPEG, or WebP on {@code /avatars/{hash}.webp} and on
 * {@code get_avatar} when the request's {@code Accept} names {@code image/webp}
 * ({@code Vary: Accept} there). A matching {@code If-None-Match} /
 * {@code If-Modified-Since} is a 304; Spring MVC serves HEAD from GET. Errors take the
 * nobase contract's {@code {"code","msg"}} form ({@link AvatarErrorAdvice}).
 */
@RestController
public class AvatarController implements AvatarApiDocs {

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	/** Content-addressed URLs never change their bytes. */
	private static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable()
		.getHeaderValue();

	private static final HeaderBytes.Name VARY = HeaderBytes.Name.of(HttpHeaders.VARY);

	private static final HeaderBytes.Name ETAG = HeaderBytes.Name.of(HttpHeaders.ETAG);

	private static final HeaderBytes.Name LAST_MODIFIED = HeaderBytes.Name.of(HttpHeaders.LAST_MODIFIED);

	private static final HeaderBytes.Name CACHE_CONTROL = HeaderBytes.Name.of(HttpHeaders.CACHE_CONTROL);

	private final AvatarLookups avatars;

	private final String userAvatarCaching;

	private final DefaultAvatars defaults;

	/** Short: the user may upload an avatar of their own any time. */
	private final String defaultCaching;

	private final RateLimiter rateLimiter;

	AvatarController(AvatarLookups avatars, DefaultAvatars defaults, FacecardProperties properties,
			RateLimiter rateLimiter) {
		this.avatars = avatars;
		this.defaults = defaults;
		this.rateLimiter = rateLimiter;
		this.userAvatarCaching = CacheControl.maxAge(properties.avatar().maxAge()).cachePublic().getHeaderValue();
		this.defaultCaching = CacheControl.maxAge(properties.avatar().defaultMaxAge()).cachePublic().getHeaderValue();
	}

	@Override
	@GetMapping(PublicPaths.AVATAR_LOOKUP)
	public void getAvatar(HttpServletRequest request, HttpServletResponse response) throws IOException {
		AvatarQuery query = AvatarQuery.from(request);
		// every image answer here varies by Accept, so shared caches keep one per kind
		boolean webp = WebpNegotiation.namesWebp(request.getHeaders(HttpHeaders.ACCEPT));
		Optional<AvatarImage> avatar = this.avatars.findByUsername(query.appid(), query.user(), query.size(), webp,
				() -> AvatarMissCharge.beforeLookup(request, response), resizeBudget(request, response));
		if (avatar.isPresent()) {
			HeaderBytes.add(request, response, VARY, HttpHeaders.ACCEPT);
			send(avatar.get(), this.userAvatarCaching, request, response);
			return;
		}
		if (query.defaultImage() == AvatarQuery.DefaultImage.NOT_FOUND) {
			throw new AvatarNotFoundException();
		}
		// a default image tells as much as a 404 (no avatar to show): it spends a miss
		RateLimitDecision refused = AvatarMissCharge.missed(request);
		if (refused != null) {
			refused.enforce(response);
		}
		AvatarImage image = (query.defaultImage() == AvatarQuery.DefaultImage.IDENTICON)
				? this.defaults.identicon(query.appid(), query.user(), query.size())
				: this.defaults.mysteryPerson(query.size());
		HeaderBytes.add(request, response, VARY, HttpHeaders.ACCEPT);
		send(image, this.defaultCaching, request, response);
	}

	@Override
	@GetMapping(PublicPaths.AVATAR_BY_HASH)
	public void getByHash(@PathVariable String hash, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		send(byHash(hash, false, request, response), IMMUTABLE, request, response);
	}

	@Override
	@GetMapping(PublicPaths.AVATAR_BY_HASH_WEBP)
	public void getWebpByHash(@PathVariable String hash, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		AvatarImage image = byHash(hash, true, request, response);
		// the JPEG in its place (the encoder failed) is not kept for ever under this URL
		send(image, image.contentType().equals(AvatarImage.WEBP) ? IMMUTABLE : this.userAvatarCaching, request,
				response);
	}

	private AvatarImage byHash(String hash, boolean webp, HttpServletRequest request, HttpServletResponse response) {
		Integer size = AvatarQuery.size(request);
		if (!HASH.matcher(hash).matches()) {
			throw new AvatarNotFoundException();
		}
		return this.avatars.findByHash(hash, size, webp, () -> AvatarMissCharge.beforeLookup(request, response),
				resizeBudget(request, response));
	}

	/**
	 * The client's resize budget ({@code facecard.rate-limit.resizes}, per client IP):
	 * spent only when a size has to be resized for this request, so cached sizes and
	 * unsized avatars never count. Past it, the 429 with the limit's headers.
	 */
	private ResizeBudget resizeBudget(HttpServletRequest request, HttpServletResponse response) {
		return () -> this.rateLimiter.resizes(request.getRemoteAddr()).take().enforce(response);
	}

	/**
	 * Writes the image (or a 304) straight to the response with header values prepared
	 * once: this is the hottest path of the service, and ResponseEntity's generic
	 * handling cost a third of it (bench/RESULTS.md).
	 */
	private static void send(AvatarImage image, String cacheControl, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		HeaderBytes.set(request, response, ETAG, image.etag());
		HeaderBytes.set(request, response, LAST_MODIFIED, image.lastModifiedHeader());
		HeaderBytes.set(request, response, CACHE_CONTROL, cacheControl);
		if (ConditionalRequests.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH),
				request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), image.etag(), image.lastModified(),
				image.lastModifiedHeader())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setContentType(image.contentType());
		response.setContentLength(image.bytes().length);
		response.getOutputStream().write(image.bytes());
	}

}

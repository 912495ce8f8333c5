package dev.facecard.avatar;

import dev.facecard.shared.web.ConditionalRequests;
import dev.facecard.shared.web.error.AvatarError;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.ratelimit.DeferredLimit;
import dev.facecard.ratelimit.RateLimitDecision;
import dev.facecard.ratelimit.RateLimitExceededException;
import dev.facecard.ratelimit.RateLimiter;
import dev.facecard.shared.config.FacecardProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public avatar endpoints. Both answer JPEG bytes with a strong ETag (the content hash) and
 * Last-Modified; Spring MVC turns a matching {@code If-None-Match} / {@code If-Modified-Since} into a 304
 * and serves HEAD from GET. Errors take the seed's {@code {"code","msg"}} form ({@link AvatarErrorAdvice}).
 */
@RestController
@Tag(name = "Avatars")
public class AvatarController {

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	/** Content-addressed URLs never change their bytes. */
	private static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable()
		.getHeaderValue();

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

	@GetMapping("/api/user/get_avatar")
	@Operation(summary = "Get a user's avatar",
			description = "The avatar as JPEG bytes, for <img src>. No authentication. GET and HEAD; If-None-Match "
					+ "and If-Modified-Since give 304.")
	@Parameter(name = "appid", in = ParameterIn.QUERY, required = true, description = "App ID",
			schema = @Schema(type = "string", minLength = 1, maxLength = 64), example = "demo")
	@Parameter(name = "user", in = ParameterIn.QUERY, required = true, description = "Username within the app",
			schema = @Schema(type = "string", minLength = 1, maxLength = 64), example = "13800138000")
	@Parameter(name = "default", in = ParameterIn.QUERY, required = false,
			description = "What a user without an avatar (unknown, banned, none) answers: 404 (the default), "
					+ "identicon (generated from appid and username) or mp (a neutral silhouette), at the asked size",
			schema = @Schema(type = "string", allowableValues = { "404", "identicon", "mp" }), example = "identicon")
	@Parameter(name = "size", in = ParameterIn.QUERY, required = false,
			description = "Scale to fit size×size pixels (never upscaled); each size has its own ETag",
			schema = @Schema(type = "integer", minimum = "16", maximum = "1024"), example = "48")
	@ApiResponse(responseCode = "200", description = "The avatar",
			content = @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
	@ApiResponse(responseCode = "400", description = "appid or user missing, blank, longer than 64 characters, or repeated",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":204,\"msg\":\"接口参数错误\"}")))
	@ApiResponse(responseCode = "404", description = "Unknown app or user, banned user, or no avatar",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":404,\"msg\":\"用户不存在\"}")))
	@ApiResponse(responseCode = "429", description = "Too many lookups that ended in 404, or too many sizes that "
			+ "needed a resize; see Retry-After",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":429,\"msg\":\"请求过于频繁\"}")))
	@ApiResponse(responseCode = "503", description = "Database unreachable, or too much image work at once "
			+ "(with Retry-After)",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":503,\"msg\":\"服务暂不可用\"}")))
	public void getAvatar(HttpServletRequest request, HttpServletResponse response) throws IOException {
		AvatarQuery query = AvatarQuery.from(request);
		Optional<AvatarImage> avatar = this.avatars.findByUsername(query.appid(), query.user(), query.size(),
				resizeBudget(request, response));
		if (avatar.isPresent()) {
			send(avatar.get(), this.userAvatarCaching, request, response);
			return;
		}
		if (query.defaultImage() == AvatarQuery.DefaultImage.NOT_FOUND) {
			throw new AvatarNotFoundException(); // the 404 path counts the miss (AvatarErrorAdvice)
		}
		// a default image tells as much as a 404 (no avatar to show), so it costs the same miss budget
		DeferredLimit.AVATAR_MISS.enforce(request, response);
		AvatarImage image = (query.defaultImage() == AvatarQuery.DefaultImage.IDENTICON)
				? this.defaults.identicon(query.appid(), query.user(), query.size())
				: this.defaults.mysteryPerson(query.size());
		send(image, this.defaultCaching, request, response);
	}

	@GetMapping("/avatars/{hash}.jpg")
	@Operation(summary = "Get an avatar by content hash",
			description = "The URL that profile cards' avatarUrl points at; its bytes never change.")
	@Parameter(name = "size", in = ParameterIn.QUERY, required = false,
			description = "Scale to fit size×size pixels (never upscaled); each size has its own ETag",
			schema = @Schema(type = "integer", minimum = "16", maximum = "1024"), example = "48")
	@ApiResponse(responseCode = "200", description = "The avatar",
			content = @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
	@ApiResponse(responseCode = "404", description = "Unknown hash",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":404,\"msg\":\"用户不存在\"}")))
	@ApiResponse(responseCode = "429", description = "Too many sizes that needed a resize; see Retry-After",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":429,\"msg\":\"请求过于频繁\"}")))
	@ApiResponse(responseCode = "503", description = "Database unreachable, or too much image work at once "
			+ "(with Retry-After)",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = AvatarError.class),
					examples = @ExampleObject(value = "{\"code\":503,\"msg\":\"服务暂不可用\"}")))
	public void getByHash(@PathVariable String hash, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Integer size = AvatarQuery.size(request);
		if (!HASH.matcher(hash).matches()) {
			throw new AvatarNotFoundException();
		}
		send(this.avatars.findByHash(hash, size, resizeBudget(request, response)), IMMUTABLE, request, response);
	}

	/**
	 * The client's resize budget ({@code facecard.rate-limit.resizes}, per client IP): spent only when a size
	 * has to be resized for this request, so cached sizes and unsized avatars never count. Past it, the 429
	 * with the limit's headers.
	 */
	private ResizeBudget resizeBudget(HttpServletRequest request, HttpServletResponse response) {
		return () -> {
			RateLimitDecision decision = this.rateLimiter.resizes(request.getRemoteAddr()).take();
			if (!decision.allowed()) {
				// only on the refusal: the avatar itself is kept by shared caches, which must not keep a client's budget
				decision.writeHeaders(response);
				throw new RateLimitExceededException(decision);
			}
		};
	}

	/**
	 * Writes the JPEG (or a 304) straight to the response with header values prepared once: this is the
	 * hottest path of the service, and ResponseEntity's generic handling cost a third of it (bench/RESULTS.md).
	 */
	private static void send(AvatarImage image, String cacheControl, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.ETAG, image.etag());
		response.setHeader(HttpHeaders.LAST_MODIFIED, image.lastModifiedHeader());
		response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (ConditionalRequests.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH),
				request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), image.etag(), image.lastModified(),
				image.lastModifiedHeader())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setContentType(MediaType.IMAGE_JPEG_VALUE);
		response.setContentLength(image.jpeg().length);
		response.getOutputStream().write(image.jpeg());
	}

}

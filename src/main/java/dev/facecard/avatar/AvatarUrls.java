package dev.facecard.avatar;

import java.net.URI;

import dev.facecard.system.FacecardProperties;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs of content-addressed avatars ({@code /avatars/{hash}.jpg}). They never contain the
 * username: usernames are often phone numbers.
 */
@Component
public class AvatarUrls {

	/** The nobase lookup, {@code GET /api/user/get_avatar?appid=&user=}. */
	public static final String LOOKUP_PATH = "/api/user/get_avatar";

	/** Content-addressed avatars: {@code /avatars/{hash}.jpg}. */
	public static final String BY_HASH_PREFIX = "/avatars/";

	/** The route of content-addressed avatars, as Spring MVC names it. */
	public static final String BY_HASH_ROUTE = "/avatars/{hash}.jpg";

	private final URI publicBaseUrl;

	public AvatarUrls(FacecardProperties properties) {
		this.publicBaseUrl = properties.publicBaseUrl();
	}

	/**
	 * The URL of the avatar {@code hash}, or null for null. The base is {@code facecard.public-base-url}
	 * when set, else the current request's (forwarded headers count only when the operator enables
	 * {@code server.forward-headers-strategy}).
	 */
	public String of(String hash) {
		return of(baseUrl(), hash);
	}

	/** The URL of the avatar {@code hash} under {@code baseUrl} (from {@link #baseUrl()}), or null for null. */
	public static String of(String baseUrl, String hash) {
		return (hash != null) ? baseUrl + BY_HASH_PREFIX + hash + ".jpg" : null;
	}

	/**
	 * Whether a path (decoded, without {@code ;} parameters, as Spring MVC matches it) serves avatars: their
	 * answers, errors included, are embedded by other sites and speak the nobase seed's error format.
	 */
	public static boolean servesAvatars(String path) {
		return LOOKUP_PATH.equals(path) || path.startsWith(BY_HASH_PREFIX);
	}

	/**
	 * Whether avatar URLs are the same whatever the request ({@code facecard.public-base-url} set): only then may an
	 * answer that contains one be kept by a shared cache.
	 */
	public boolean hasFixedBase() {
		return this.publicBaseUrl != null;
	}

	/** Where avatar URLs start for the current request, without a trailing slash. */
	public String baseUrl() {
		String base = (this.publicBaseUrl != null) ? this.publicBaseUrl.toString()
				: ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		return stripTrailingSlash(base);
	}

	private static String stripTrailingSlash(String base) {
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

}

package dev.facecard.avatar;

import java.net.URI;

import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.PublicPaths;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs of content-addressed avatars ({@code /avatars/{hash}.jpg}). They never
 * contain the username: usernames are often phone numbers.
 */
@Component
public class AvatarUrls {

	private final URI publicBaseUrl;

	public AvatarUrls(FacecardProperties properties) {
		this.publicBaseUrl = properties.publicBaseUrl();
	}

	/**
	 * The URL of the avatar {@code hash}, or null for null. The base is
	 * {@code facecard.public-base-url} when set, else the current request's (forwarded
	 * headers count only when the operator enables
	 * {@code server.forward-headers-strategy}).
	 */
	public String of(String hash) {
		return of(baseUrl(), hash);
	}

	/**
	 * The URL of the avatar {@code hash} under {@code baseUrl} (from {@link #baseUrl()}),
	 * or null for null.
	 */
	public static String of(String baseUrl, String hash) {
		return (hash != null) ? baseUrl + PublicPaths.AVATARS_BY_HASH_PREFIX + hash + ".jpg" : null;
	}

	/**
	 * Whether avatar URLs are the same whatever the request
	 * ({@code facecard.public-base-url} set): only then may an answer that contains one
	 * be kept by a shared cache.
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

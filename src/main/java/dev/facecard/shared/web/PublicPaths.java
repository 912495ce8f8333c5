package dev.facecard.shared.web;

/**
 * The paths of the public endpoints, fixed by the contracts they copy (README, first
 * section): what the API gate, the error formats and the response headers need to know of
 * them, without depending on the modules that serve them.
 */
public final class PublicPaths {

	/**
	 * The nobase contract's avatar lookup: {@code GET /api/user/get_avatar?appid=&user=}.
	 */
	public static final String AVATAR_LOOKUP = "/api/user/get_avatar";

	/**
	 * Content-addressed avatars, {@code /avatars/{hash}.jpg}: what profile cards'
	 * {@code avatarUrl} points at.
	 */
	public static final String AVATARS_BY_HASH_PREFIX = "/avatars/";

	/** The route of content-addressed avatars, as Spring MVC names it. */
	public static final String AVATAR_BY_HASH = "/avatars/{hash}.jpg";

	/** The route of the WebP renditions of content-addressed avatars. */
	public static final String AVATAR_BY_HASH_WEBP = "/avatars/{hash}.webp";

	/** The xiangcao contract's profile card (POST), and its cacheable GET form. */
	public static final String PROFILE = "/api/get-public-user-profile";

	/** Many profile cards at once. */
	public static final String PROFILES = "/api/get-public-user-profiles";

	/** The caller's own profile, as its owner sees it: needs an API key. */
	public static final String OWN_PROFILE = "/api/get-user-profile";

	private PublicPaths() {
	}

	/**
	 * Whether a path (decoded, without {@code ;} parameters) serves avatars: their
	 * answers, errors included, are embedded by other sites and speak the nobase
	 * contract's error format.
	 */
	public static boolean servesAvatars(String path) {
		return AVATAR_LOOKUP.equals(path) || path.startsWith(AVATARS_BY_HASH_PREFIX);
	}

}

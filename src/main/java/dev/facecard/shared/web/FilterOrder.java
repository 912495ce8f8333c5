package dev.facecard.shared.web;

import org.springframework.core.Ordered;

/**
 * The filter chain, top to bottom: every filter registration of Facecard takes its order
 * from here ({@link WebConfiguration} for the shared ones, the API and admin gates in
 * their modules).
 */
public final class FilterOrder {

	/**
	 * Request id, timer and access-log line: first, so every answer and log line of a
	 * request has them.
	 */
	public static final int REQUEST_TELEMETRY = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * A charset name Spring would choke on reads as UTF-8 ({@link UsableCharsetFilter}).
	 */
	public static final int USABLE_CHARSET = REQUEST_TELEMETRY + 1;

	/** {@code nosniff} and CORP, before anything can answer. */
	public static final int RESPONSE_HEADERS = REQUEST_TELEMETRY + 2;

	/**
	 * Paths Tomcat and Spring MVC would read differently: refused before anything is
	 * charged for them.
	 */
	public static final int AMBIGUOUS_PATHS = REQUEST_TELEMETRY + 3;

	/**
	 * CORS on {@code /api/**}, before the API gate: its 401 and 429 need CORS headers
	 * too.
	 */
	public static final int CORS = REQUEST_TELEMETRY + 4;

	/** API keys and rate limits of {@code /api/**} and the avatar URLs. */
	public static final int API_GATE = Ordered.LOWEST_PRECEDENCE - 2;

	/** The admin token (and its lockout) of {@code /admin/**}. */
	public static final int ADMIN_GATE = Ordered.LOWEST_PRECEDENCE - 1;

	/** Admin bodies read under their limit, only once the admin token was checked. */
	public static final int ADMIN_BODY_LIMIT = Ordered.LOWEST_PRECEDENCE;

	private FilterOrder() {
	}

}

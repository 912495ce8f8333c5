package dev.facecard.shared.web;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import org.apache.catalina.Globals;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The first thing every request meets: it gets a request id (a sane incoming
 * {@code X-Request-Id} is kept when a proxy the operator trusts sent it), echoed on the
 * response and put in the logging context ({@code requestId}) of every log line written
 * for it; it is timed in {@code http.server.requests} with Spring Boot's tags
 * ({@code method}, {@code uri} as the route, {@code status}, {@code outcome},
 * {@code exception}), in place of Spring's own observation filter, which
 * {@link WebConfiguration} leaves out for its cost; and it ends in one access-log line:
 * method, route (never the path or query: clients put usernames there), status, duration.
 */
public class RequestTelemetryFilter extends HttpFilter {

	static final String REQUEST_ID_HEADER = "X-Request-Id";

	private static final HeaderBytes.Name REQUEST_ID = HeaderBytes.Name.of(REQUEST_ID_HEADER);

	static final String REQUEST_ID_MDC_KEY = "requestId";

	/**
	 * The id of a request this filter already times and logs (an error dispatch follows).
	 */
	private static final String REQUEST_ID_ATTRIBUTE = RequestTelemetryFilter.class.getName() + ".requestId";

	/**
	 * The route a filter refused a request of before Spring MVC routed it, for the
	 * {@code uri} tag (one of a fixed set of routes: never the raw path, or a client
	 * could grow the registry).
	 */
	public static final String ENDPOINT_ATTRIBUTE = RequestTelemetryFilter.class.getName() + ".endpoint";

	private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	/**
	 * Tomcat accepts any token as a method: unknown ones share one tag value, or a client
	 * could grow the registry.
	 */
	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	/**
	 * The name Spring Boot's own request timer has, so that dashboards and alerts written
	 * for Spring Boot services find Facecard's requests.
	 */
	static final String TIMER_NAME = "http.server.requests";

	private final MeterRegistry meters;

	/**
	 * The timers by tag values, so that a request looks its timer up in one map instead
	 * of building its tags; bounded like the tags (known methods, routes, statuses, the
	 * service's exception types).
	 */
	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	RequestTelemetryFilter(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Requests Tomcat refuses before any filter runs (a bad header, too many cookies)
	 * only reach the filters as an error dispatch: they get their id, timer and log line
	 * there. An error dispatch of a request that already passed here keeps its id and is
	 * not counted twice.
	 */
	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String recorded) {
			// the error dispatch of a request this filter already times and logs
			HeaderBytes.set(request, response, REQUEST_ID, recorded);
			MDC.put(REQUEST_ID_MDC_KEY, recorded);
			try {
				chain.doFilter(request, response);
			}
			finally {
				MDC.remove(REQUEST_ID_MDC_KEY);
			}
			return;
		}
		String requestId = requestId(request);
		request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
		HeaderBytes.set(request, response, REQUEST_ID, requestId);
		MDC.put(REQUEST_ID_MDC_KEY, requestId);
		long start = System.nanoTime();
		int status = HttpStatus.INTERNAL_SERVER_ERROR.value();
		Throwable thrown = null;
		try {
			chain.doFilter(request, response);
			status = response.getStatus();
		}
		catch (Throwable ex) {
			thrown = ex;
			throw ex;
		}
		finally {
			long nanos = System.nanoTime() - start;
			String endpoint = endpoint(request);
			String method = knownMethod(request.getMethod());
			this.timers
				.computeIfAbsent(new TimerKey(method, endpoint, status, exceptionType(request, thrown)), this::timer)
				.record(nanos, TimeUnit.NANOSECONDS);
			logAccess(method, endpoint, status, nanos, requestId);
			MDC.remove(REQUEST_ID_MDC_KEY);
		}
	}

	/**
	 * Records one request in {@code http.server.requests}, for a request that never
	 * reached this filter.
	 */
	static void record(MeterRegistry meters, String method, String endpoint, int status, long nanos) {
		timer(meters, new TimerKey(knownMethod(method), endpoint, status, null)).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(TimerKey key) {
		return timer(this.meters, key);
	}

	private static Timer timer(MeterRegistry meters, TimerKey key) {
		// the tags Spring Boot gives this timer; the histogram setting of application.yml
		// (management.metrics.distribution.*) applies when it is registered
		return Timer.builder(TIMER_NAME)
			.description("HTTP server requests, by route and outcome")
			.tag("method", key.method())
			.tag("uri", key.endpoint())
			.tag("status", Integer.toString(key.status()))
			.tag("outcome", Outcome.forStatus(key.status()).name())
			.tag("exception", exceptionName(key.exception()))
			.register(meters);
	}

	/**
	 * What failed the request: an exception thrown through this filter, or one that
	 * Spring MVC handled into an answer (an {@code @ExceptionHandler}); null when none.
	 * Only its type is kept, so that the timer key stays one of a bounded set.
	 */
	private static Class<?> exceptionType(HttpServletRequest request, Throwable thrown) {
		Object failure = (thrown != null) ? thrown : request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
		return (failure != null) ? failure.getClass() : null;
	}

	/** As Spring Boot names it: the simple class name, or {@code none}. */
	private static String exceptionName(Class<?> exception) {
		if (exception == null) {
			return "none";
		}
		String simpleName = exception.getSimpleName();
		return simpleName.isEmpty() ? exception.getName() : simpleName;
	}

	/**
	 * Queues the access-log line of a request ({@link AccessLog}): its route, not its
	 * path, so that nothing a client put in a path (a phone number in place of a hash,
	 * say) reaches the log.
	 */
	static void logAccess(String method, String endpoint, int status, long nanos, String requestId) {
		if (AccessLog.enabled()) {
			AccessLog.write(knownMethod(method), endpoint, status, nanos, requestId);
		}
	}

	private static String knownMethod(String method) {
		return KNOWN_METHODS.contains(method) ? method : "OTHER";
	}

	/**
	 * The route that answered; requests refused by a filter before routing are grouped by
	 * API.
	 */
	private static String endpoint(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern == null) {
			pattern = request.getAttribute(ENDPOINT_ATTRIBUTE);
		}
		if (pattern != null) {
			return pattern.toString();
		}
		String uri = request.getRequestURI();
		if (uri.startsWith("/api/")) {
			return "/api/**";
		}
		return uri.startsWith("/admin/") ? "/admin/**" : "UNMATCHED";
	}

	/**
	 * A sane incoming id sent by a proxy the operator trusts, else a generated one.
	 * Tomcat marks a request as forwarded when its peer is one of
	 * {@code server.tomcat.remoteip.internal-proxies} (with
	 * {@code server.forward-headers-strategy=native}): the trust that takes
	 * {@code X-Forwarded-For}. A client's own id would put whatever it chose (a phone
	 * number, a key) on every log line of its request. Avatars are kept by shared caches:
	 * no request's id may be handed to every viewer, so theirs are always generated.
	 */
	private static String requestId(HttpServletRequest request) {
		String incoming = request.getHeader(REQUEST_ID_HEADER);
		if (incoming == null || request.getAttribute(Globals.REQUEST_FORWARDED_ATTRIBUTE) == null
				|| !SANE_REQUEST_ID.matcher(incoming).matches()) {
			return newRequestId(); // most requests: the path is not even decoded
		}
		boolean shared = ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
				&& PublicPaths.servesAvatars(RequestPaths.lenientlyDecoded(request.getRequestURI()));
		return shared ? newRequestId() : incoming;
	}

	/**
	 * A generated request id: it only has to be unique enough to find a request's lines,
	 * not unguessable.
	 */
	static String newRequestId() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
	}

	private record TimerKey(String method, String endpoint, int status, Class<?> exception) {
	}

}

package dev.facecard.shared.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's mapping of Facecard's controllers, which tests a path that is no route of
 * its own (a route with a path variable, such as {@code /avatars/{hash}.jpg}) only
 * against the routes that start with the same first segment. Spring's own tests it
 * against every route: with the admin API's routes, 4.6 µs of the 61 a content-addressed
 * avatar cost (bench/RESULTS.md, Notes).
 * <p>
 * It decides only what Spring's would decide the same way: when the routes' patterns all
 * start with a literal segment, no route of another first segment can match, so a path
 * that exactly one route of its segment matches goes to that route, as Spring's lookup
 * would send it. Anything else (no match, several, a CORS preflight, a route without a
 * literal first segment anywhere) is Spring's own lookup, refusals included.
 */
final class SegmentIndexedMappings extends RequestMappingHandlerMapping {

	/**
	 * The routes by their patterns' first segment; null when some pattern does not start
	 * with a literal one.
	 */
	private volatile Map<String, List<Route>> bySegment;

	/** Paths that are routes themselves: Spring finds them by the path alone. */
	private Set<String> directPaths = Set.of();

	private record Route(RequestMappingInfo info, HandlerMethod handler) {
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		Map<String, List<Route>> routes = new HashMap<>();
		Set<String> direct = new HashSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (patterns == null || patterns.getPatternValues().isEmpty()) {
				return; // no path pattern (or not Spring's parser): Spring's lookup only
			}
			String segment = null;
			for (String pattern : patterns.getPatternValues()) {
				String first = firstSegment(pattern);
				if (first == null || (segment != null && !segment.equals(first))) {
					return; // a variable or wildcard first, or patterns of two segments
				}
				segment = first;
			}
			routes.computeIfAbsent(segment, key -> new ArrayList<>()).add(new Route(info, entry.getValue()));
			direct.addAll(info.getDirectPaths());
		}
		this.bySegment = routes;
		this.directPaths = direct;
	}

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		Map<String, List<Route>> routes = this.bySegment;
		if (routes == null || this.directPaths.contains(lookupPath) || CorsUtils.isPreFlightRequest(request)) {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		String segment = firstSegment(lookupPath);
		List<Route> candidates = (segment != null) ? routes.get(segment) : null;
		if (candidates == null) {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		RequestMappingInfo matched = null;
		HandlerMethod handler = null;
		for (Route route : candidates) {
			RequestMappingInfo match = getMatchingMapping(route.info(), request);
			if (match != null) {
				if (matched != null) {
					// several: Spring ranks them
					return super.lookupHandlerMethod(lookupPath, request);
				}
				matched = match;
				handler = route.handler();
			}
		}
		if (matched == null) {
			// none: Spring's own refusal (404, 405, …)
			return super.lookupHandlerMethod(lookupPath, request);
		}
		request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
		handleMatch(matched, lookupPath, request);
		return handler;
	}

	/**
	 * The literal first segment of a path or pattern (up to the next slash, or the end),
	 * or null when it is not literal: a variable, a wildcard, or, in a path, anything
	 * percent-encoded (Spring matches decoded segments).
	 */
	static String firstSegment(String path) {
		if (path.isEmpty() || path.charAt(0) != '/') {
			return null;
		}
		int end = path.indexOf('/', 1);
		String segment = path.substring(1, (end < 0) ? path.length() : end);
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '{' || c == '*' || c == '?' || c == '%') {
				return null;
			}
		}
		return segment;
	}

	/**
	 * Whether lookups use the index (Facecard's routes all start with a literal segment).
	 */
	boolean indexed() {
		return this.bySegment != null;
	}

	@Override
	public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
		// a route added or removed at run time is not in the index: Spring's lookup from
		// now on
		this.bySegment = null;
		super.registerMapping(mapping, handler, method);
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		this.bySegment = null;
		super.unregisterMapping(mapping);
	}

}

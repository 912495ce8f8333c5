package dev.facecard.shared.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * How Spring MVC reads a request's {@code Accept}. The JSON APIs ({@code /api/**},
 * {@code /admin/**}) answer JSON whatever it names: Spring MVC picks an answer's format
 * after the handler has run, so a write asked for as {@code text/html} was stored and
 * then refused as not acceptable (406). Elsewhere (the API docs, unknown paths) it is
 * read as sent, except that one that does not parse counts as absent: it emptied the body
 * of every error answer instead. Actuator's endpoints negotiate on their own.
 */
final class LenientAcceptNegotiation implements ContentNegotiationStrategy {

	private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

	@Override
	public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
		HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
		if (servlet != null && answersJsonOnly(servlet.getServletPath())) {
			return MEDIA_TYPE_ALL_LIST;
		}
		try {
			return this.header.resolveMediaTypes(request);
		}
		catch (HttpMediaTypeNotAcceptableException ex) {
			return MEDIA_TYPE_ALL_LIST;
		}
	}

	/** Whether a path (decoded, normalised) is one of the JSON APIs'. */
	static boolean answersJsonOnly(String path) {
		return path.startsWith("/api/") || path.startsWith("/admin/");
	}

}

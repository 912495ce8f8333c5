package dev.facecard.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.shared.web.error.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * CORS for {@code /api/**}, ahead of the API key and rate-limit gate so that its 401 and
 * 429 answers carry the headers too, and a preflight costs no budget and needs no token:
 * it is answered here. Spring's {@link DefaultCorsProcessor} decides; unlike Spring's own
 * {@code CorsFilter}, a request from an origin that is not allowed is answered as usual,
 * only without CORS headers (the browser keeps the answer from the page; a 403 would only
 * add a third error format), and a refused preflight is a problem+json 403.
 */
class ApiCorsFilter extends HttpFilter {

	private static final HeaderBytes.Name VARY = HeaderBytes.Name.of(HttpHeaders.VARY);

	/** What the processor says an answer varies by, on one line. */
	private static final String CORS_VARY = String.join(", ", HttpHeaders.ORIGIN,
			HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

	private final CorsConfiguration configuration;

	private final JsonMapper json;

	/**
	 * Leaves the refusal to this filter: an actual request goes on, a preflight gets
	 * problem+json.
	 */
	private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
		}

	};

	ApiCorsFilter(CorsConfiguration configuration, JsonMapper json) {
		this.configuration = configuration;
		this.json = json;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getHeader(HttpHeaders.ORIGIN) == null) {
			// no CORS request: the processor would only add its Vary, three lines a
			// request (bench/RESULTS.md, Notes)
			HeaderBytes.add(request, response, VARY, CORS_VARY);
			chain.doFilter(request, response);
			return;
		}
		boolean allowed = this.processor.processRequest(this.configuration, request, response);
		if (CorsUtils.isPreFlightRequest(request)) {
			if (!allowed) {
				Problems.write(response, this.json, HttpStatus.FORBIDDEN,
						"Cross-origin request refused: origin, method or headers not allowed.");
			}
			return;
		}
		chain.doFilter(request, response);
	}

}

package dev.facecard.shared.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * {@code Cache-Control: no-store} on the answers of the paths it is registered for:
 * answers built from a header a client chooses, which no cache may hand to another.
 */
class NoStoreFilter extends HttpFilter {

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		chain.doFilter(request, response);
	}

}

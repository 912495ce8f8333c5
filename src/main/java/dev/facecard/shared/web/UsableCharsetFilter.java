package dev.facecard.shared.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose {@code Content-Type} names a charset that is not even a well-formed
 * name ({@code charset="ÿ"}) made Spring fail with a 500 wherever it decodes with the
 * request's encoding: it expects an unknown charset, not an illegal name. Such a request
 * (and one naming an unknown charset) reads as UTF-8, the encoding of every body Facecard
 * takes.
 */
class UsableCharsetFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		chain.doFilter(usable(request), response);
	}

	private static ServletRequest usable(ServletRequest request) {
		String encoding = request.getCharacterEncoding();
		if (encoding == null || isSupported(encoding) || !(request instanceof HttpServletRequest http)) {
			return request;
		}
		return new HttpServletRequestWrapper(http) {

			@Override
			public String getCharacterEncoding() {
				return StandardCharsets.UTF_8.name();
			}

		};
	}

	private static boolean isSupported(String charset) {
		try {
			return Charset.isSupported(charset);
		}
		catch (IllegalCharsetNameException ex) {
			return false;
		}
	}

}

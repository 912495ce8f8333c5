package dev.facecard.system;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A request whose {@code Content-Type} names a charset that is not even a well-formed name
 * ({@code charset="ÿ"}) made Spring fail with a 500 wherever it decodes with the request's encoding: it
 * expects an unknown charset, not an illegal name. Such a request (and one naming an unknown charset) reads
 * as UTF-8, the encoding of every body Facecard takes. This runs on the error dispatch too, which Tomcat
 * starts for requests it refuses before any other filter ran (too many cookies, say).
 */
@Configuration(proxyBeanMethods = false)
class RequestCharsets {

	@Bean
	FilterRegistrationBean<Filter> unusableCharsetFilter() {
		Filter filter = (request, response, chain) -> chain.doFilter(usable(request), response);
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // right after request telemetry
		return registration;
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

package dev.facecard.system;

import java.util.List;

import jakarta.servlet.DispatcherType;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/** What browsers need: CORS on {@code /api/**} and the headers of every answer. */
@Configuration(proxyBeanMethods = false)
class BrowserAccessConfiguration {

	@Bean
	FilterRegistrationBean<ResponseHeadersFilter> responseHeadersFilter() {
		var registration = new FilterRegistrationBean<>(new ResponseHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	/** Before the API gate (which keeps the default, lowest order): its 401 and 429 answers need CORS too. */
	@Bean
	FilterRegistrationBean<ApiCorsFilter> apiCorsFilter(FacecardProperties properties, JsonMapper json) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.cors().allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_NONE_MATCH));
		cors.setExposedHeaders(List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
				HttpHeaders.RETRY_AFTER, HttpHeaders.ETAG));
		cors.setAllowCredentials(false);
		var registration = new FilterRegistrationBean<>(new ApiCorsFilter(cors, json));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}

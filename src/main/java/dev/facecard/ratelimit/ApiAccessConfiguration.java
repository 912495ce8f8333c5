package dev.facecard.ratelimit;

import dev.facecard.auth.ApiKeyAuthenticator;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.FilterOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiAccessConfiguration {

	@Bean
	FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(ApiKeyAuthenticator authenticator, RateLimiter rateLimiter,
			JsonMapper json, FacecardProperties properties) {
		var registration = new FilterRegistrationBean<>(
				new ApiAccessFilter(authenticator, rateLimiter, json, properties.publicBaseUrl() != null));
		registration.addUrlPatterns("/api/*", "/avatars/*");
		registration.setOrder(FilterOrder.API_GATE);
		return registration;
	}

}

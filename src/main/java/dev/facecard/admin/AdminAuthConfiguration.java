package dev.facecard.admin;

import dev.facecard.app.AppCredentialAuthenticator;
import dev.facecard.ratelimit.RateLimiter;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.FilterOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminAuthConfiguration {

	@Bean
	FilterRegistrationBean<AdminAuthFilter> adminAuthFilter(AdminToken adminToken,
			AppCredentialAuthenticator appCredentials, RateLimiter rateLimiter, FacecardProperties properties,
			JsonMapper json) {
		var registration = new FilterRegistrationBean<>(
				new AdminAuthFilter(adminToken, appCredentials, rateLimiter, properties.admin().networks(), json));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(FilterOrder.ADMIN_GATE);
		return registration;
	}

	/** After the token check: an unauthenticated body is never read. */
	@Bean
	FilterRegistrationBean<AdminBodyLimitFilter> adminBodyLimitFilter(JsonMapper json, FacecardProperties properties) {
		var registration = new FilterRegistrationBean<>(new AdminBodyLimitFilter(json, properties.deadlines().body()));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(FilterOrder.ADMIN_BODY_LIMIT);
		return registration;
	}

}

package dev.facecard.admin;

import dev.facecard.auth.RateLimiter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminAuthConfiguration {

	@Bean
	FilterRegistrationBean<AdminAuthFilter> adminAuthFilter(AdminToken adminToken, RateLimiter rateLimiter,
			JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new AdminAuthFilter(adminToken, rateLimiter, json));
		registration.addUrlPatterns("/admin/*");
		return registration;
	}

}

package dev.facecard.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

	private final AdminToken adminToken;

	AdminWebConfiguration(AdminToken adminToken) {
		this.adminToken = adminToken;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AdminAuthInterceptor(this.adminToken)).addPathPatterns("/admin/**");
	}

}

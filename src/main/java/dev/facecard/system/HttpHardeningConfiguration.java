package dev.facecard.system;

import jakarta.servlet.DispatcherType;

import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How requests that no endpoint should see are answered: those Tomcat refuses itself, and paths that Tomcat and
 * Spring MVC would read differently.
 */
@Configuration(proxyBeanMethods = false)
class HttpHardeningConfiguration {

	/** Requests Tomcat refuses itself are answered in the path's JSON format too, never with an HTML page. */
	@Bean
	TomcatContextCustomizer jsonErrorReports() {
		return context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
		};
	}

	/** After the headers every answer carries, before CORS and the API gate: nothing is charged for such a path. */
	@Bean
	FilterRegistrationBean<AmbiguousPathFilter> ambiguousPathFilter(JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new AmbiguousPathFilter(json));
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

}

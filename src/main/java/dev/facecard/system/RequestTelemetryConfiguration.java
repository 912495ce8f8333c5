package dev.facecard.system;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestTelemetryConfiguration {

	/** Before every other filter, so that their answers and log lines carry the request id too. */
	@Bean
	FilterRegistrationBean<RequestTelemetryFilter> requestTelemetryFilter(MeterRegistry meters) {
		var registration = new FilterRegistrationBean<>(new RequestTelemetryFilter(meters));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

}

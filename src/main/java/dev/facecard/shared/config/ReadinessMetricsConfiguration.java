package dev.facecard.shared.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Readiness as a metric: Prometheus scrapes metrics, not {@code /actuator/health}, so the
 * readiness alert (README, Operations) reads {@code facecard.readiness}.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessMetricsConfiguration {

	/**
	 * 1 while {@code /actuator/health/readiness} answers 200 (UP, or DEGRADED while Redis
	 * is unreachable), 0 while it answers 503 (DOWN, OUT_OF_SERVICE). Asked at each
	 * scrape, as a load balancer's probe asks: the database check then takes at most the
	 * pool's connection timeout (application.yml).
	 */
	@Bean
	MeterBinder readinessMetrics(HealthEndpoint health) {
		return registry -> Gauge.builder("facecard.readiness", health, ReadinessMetricsConfiguration::ready)
			.description("1 while readiness answers 200 (UP or DEGRADED), 0 while it answers 503")
			.register(registry);
	}

	private static double ready(HealthEndpoint health) {
		HealthDescriptor readiness = health.healthForPath("readiness");
		if (readiness == null) {
			return 0;
		}
		Status status = readiness.getStatus();
		return (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) ? 0 : 1;
	}

}

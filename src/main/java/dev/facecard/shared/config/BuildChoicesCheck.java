package dev.facecard.shared.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Choices of Spring Boot's that this service's settings make at start, and that Spring
 * AOT makes once, when the jar is built: where the Actuator listens
 * ({@code management.server.port}: the service's port, one of its own, or none), whether
 * requests run on virtual threads (Java 21 or newer with
 * {@code spring.threads.virtual.enabled}: a jar built on Java 17 chose platform threads),
 * and the features an operator of this service may turn on or off ({@link #SWITCHES}). A
 * start that would choose otherwise is refused before any bean is made, rather than
 * serving health where nobody looks or requests on the wrong threads. A marker below (a
 * bean named for what it records) records each choice as the conditions made it; without
 * AOT they are made at start and the checks always pass. (The rate-limit store's choice
 * is checked where the store is made, RateLimitStoreConfiguration.)
 */
@Configuration(proxyBeanMethods = false)
class BuildChoicesCheck {

	/** A choice the conditions made, named by its bean's name. */
	record Marker() {
	}

	/** The markers' bean names, their methods' below. */
	private static final Map<String, ManagementPortType> MANAGEMENT_PORT_MARKERS = Map.of("builtForSameManagementPort",
			ManagementPortType.SAME, "builtForOwnManagementPort", ManagementPortType.DIFFERENT,
			"builtForNoManagementPort", ManagementPortType.DISABLED);

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.SAME)
	Marker builtForSameManagementPort() {
		return new Marker();
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	Marker builtForOwnManagementPort() {
		return new Marker();
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.DISABLED)
	Marker builtForNoManagementPort() {
		return new Marker();
	}

	/**
	 * A setting that turns a feature's beans on or off, read at start as its condition
	 * reads it.
	 */
	record Switch(String setting, String on, String off, Predicate<Environment> isOn) {
	}

	/** The markers' bean names, their methods' below. */
	private static final Map<String, Switch> SWITCHES = Map.of("builtWithFrameworkForwardedHeaders",
			new Switch("server.forward-headers-strategy", "Spring's X-Forwarded-* filter (framework)",
					"no X-Forwarded-* filter",
					environment -> "framework"
						.equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy", ""))),
			"builtWithFlyway",
			new Switch("spring.flyway.enabled", "migrations at start", "no migrations at start",
					environment -> environment.getProperty("spring.flyway.enabled", Boolean.class, true)),
			"builtWithApiDocs",
			new Switch("springdoc.api-docs.enabled", "the OpenAPI document", "no OpenAPI document",
					environment -> !"false"
						.equalsIgnoreCase(environment.getProperty("springdoc.api-docs.enabled", ""))),
			"builtWithSwaggerUi",
			new Switch("springdoc.swagger-ui.enabled", "Swagger UI", "no Swagger UI", environment -> !"false"
				.equalsIgnoreCase(environment.getProperty("springdoc.swagger-ui.enabled", ""))));

	@Bean
	@ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
	Marker builtWithFrameworkForwardedHeaders() {
		return new Marker();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "spring.flyway.enabled", matchIfMissing = true)
	Marker builtWithFlyway() {
		return new Marker();
	}

	@Bean
	@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
	Marker builtWithApiDocs() {
		return new Marker();
	}

	@Bean
	@ConditionalOnProperty(name = "springdoc.swagger-ui.enabled", matchIfMissing = true)
	Marker builtWithSwaggerUi() {
		return new Marker();
	}

	@Bean
	@ConditionalOnThreading(Threading.VIRTUAL)
	Marker builtForVirtualThreads() {
		return new Marker();
	}

	/**
	 * Compares before any bean is made (the web server's threads among the first): a bean
	 * factory post-processor, which runs on AOT's definitions too.
	 */
	@Bean
	static BeanFactoryPostProcessor buildChoicesMatchThisStart(Environment environment) {
		return beanFactory -> {
			// by the markers' names: no bean may be made yet
			checkManagementPort(MANAGEMENT_PORT_MARKERS.entrySet()
				.stream()
				.filter(marker -> beanFactory.containsBeanDefinition(marker.getKey()))
				.map(Map.Entry::getValue)
				.findFirst(), ManagementPortType.get(environment));
			checkThreads(beanFactory.containsBeanDefinition("builtForVirtualThreads"),
					Threading.VIRTUAL.isActive(environment));
			SWITCHES.forEach((marker, feature) -> checkSwitch(feature, beanFactory.containsBeanDefinition(marker),
					feature.isOn().test(environment)));
		};
	}

	static void checkManagementPort(Optional<ManagementPortType> builtFor, ManagementPortType started) {
		if (builtFor.isPresent() && builtFor.get() != started) {
			throw new BuiltBeansMismatchException("management.server.port", describe(started), describe(builtFor.get()),
					"the image: docker build --build-arg MANAGEMENT_SERVER_PORT=..., as docker-compose.yml does");
		}
	}

	static void checkThreads(boolean builtForVirtual, boolean startedVirtual) {
		if (builtForVirtual != startedVirtual) {
			throw new BuiltBeansMismatchException("spring.threads.virtual.enabled",
					startedVirtual ? "virtual threads (Java 21 or newer)" : "platform threads",
					builtForVirtual ? "virtual threads" : "platform threads (a build on Java 17)",
					"./mvnw package on the Java it runs on, 21 or newer for virtual threads, as the image is built");
		}
	}

	static void checkSwitch(Switch feature, boolean builtOn, boolean startedOn) {
		if (builtOn != startedOn) {
			throw new BuiltBeansMismatchException(feature.setting(), startedOn ? feature.on() : feature.off(),
					builtOn ? feature.on() : feature.off(), "./mvnw package with " + feature.setting()
							+ " set in its environment as at this start; in the image's build stage, as an ARG");
		}
	}

	private static String describe(ManagementPortType type) {
		return switch (type) {
			case SAME -> "the Actuator on the service's port";
			case DIFFERENT -> "the Actuator on a port of its own";
			case DISABLED -> "no Actuator over HTTP";
		};
	}

}

package dev.facecard.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml keeps Actuator off the published port, turns the request histogram
 * on in a form Spring Boot reads from the environment, and its {@code observability}
 * profile runs a pinned Prometheus on the shipped rules, scraping the management port.
 */
class ComposeOperationsTest {

	@Test
	void actuatorIsOnAnUnpublishedManagementPortThatTheHealthCheckAsks() throws IOException {
		Map<String, Object> facecard = service("facecard");
		Map<String, String> environment = environment(facecard);
		String managementPort = environment.get("MANAGEMENT_SERVER_PORT");
		assertThat(managementPort).isNotBlank().isNotEqualTo("8080");
		assertThat(facecard.get("ports")).isEqualTo(List.of("8080:8080"));
		assertThat(String.join(" ", strings(nested(facecard, "healthcheck").get("test"))))
			.contains("http://localhost:" + managementPort + "/actuator/health/readiness");
	}

	@Test
	void theEnvironmentTurnsTheRequestHistogramOn() throws IOException {
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new HashMap<>(environment(service("facecard"))))));
		assertThat(binder
			.bind("management.metrics.distribution.percentiles-histogram", Bindable.mapOf(String.class, Boolean.class))
			.get()).containsEntry("http.server.requests", true);
		assertThat(binder.bind("management.server.port", Integer.class).get()).isEqualTo(8081);
	}

	@Test
	void theImageIsBuiltForTheSettingsThatChooseBeansThatItRunsWith() throws IOException {
		Map<String, Object> facecard = service("facecard");
		Map<String, String> environment = environment(facecard);
		Map<String, String> buildArgs = new HashMap<>();
		nested(nested(facecard, "build"), "args").forEach((name, value) -> buildArgs.put(name, String.valueOf(value)));
		// Spring AOT fixes these at build time: a start with others is refused
		// (scripts/spring-aot-refusals.sh)
		List<String> chooseBeans = List.of("FACECARD_RATE_LIMIT_STORE", "MANAGEMENT_SERVER_PORT");
		assertThat(buildArgs.keySet()).containsExactlyInAnyOrderElementsOf(chooseBeans);
		chooseBeans.forEach(name -> assertThat(buildArgs.get(name)).as(name).isEqualTo(environment.get(name)));
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		chooseBeans.forEach(name -> assertThat(dockerfile).contains("ARG " + name));
		assertThat(dockerfile).contains("ENV SPRING_AOT_ENABLED=true");
	}

	@Test
	void theObservabilityProfileRunsAPinnedPrometheusOnTheShippedRules() throws IOException {
		Map<String, Object> prometheus = service("prometheus");
		assertThat(strings(prometheus.get("profiles"))).containsExactly("observability");
		assertThat((String) prometheus.get("image")).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
		assertThat(strings(prometheus.get("volumes"))).contains("./ops/prometheus:/etc/prometheus:ro");
		String managementPort = environment(service("facecard")).get("MANAGEMENT_SERVER_PORT");
		assertThat(Files.readString(Path.of("ops/prometheus/prometheus.yml"))).contains("facecard:" + managementPort)
			.contains("metrics_path: /actuator/prometheus")
			.contains("- facecard-rules.yml");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		return nested((Map<String, Object>) compose.get("services"), name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> nested(Map<String, Object> map, String key) {
		Object value = map.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new HashMap<>();
		nested(service, "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));
		return environment;
	}

	private static List<String> strings(Object list) {
		assertThat(list).isInstanceOf(List.class);
		return ((List<?>) list).stream().map(String::valueOf).toList();
	}

}

package dev.facecard.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.facecard.support.LimitedIntegrationTest;
import dev.facecard.support.TestHttp;
import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as docker-compose.yml runs it (Actuator on a port of its own, the request
 * histogram on) exposes every metric that the shipped dashboard
 * ({@code ops/grafana/facecard.json}) and alert rules
 * ({@code ops/prometheus/facecard-rules.yml}) query, each series labelled
 * {@code application="facecard"}.
 */
@TestPropertySource(properties = { "management.server.port=0",
		"management.metrics.distribution.percentiles-histogram.http.server.requests=true" })
class OperationsMetricsTest extends LimitedIntegrationTest {

	static final Path RULES = Path.of("ops/prometheus/facecard-rules.yml");

	static final Path DASHBOARD = Path.of("ops/grafana/facecard.json");

	/** Made by Prometheus itself for each target, never by the service. */
	private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

	private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
			"on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

	@LocalManagementPort
	private int managementPort;

	@Test
	void everyMetricOfTheDashboardAndTheRulesIsScrapedAfterTraffic() throws IOException {
		avatarTraffic("192.0.2.41", "192.0.2.42");
		this.http.get("/api/get-public-user-profile?userId=" + unique("nobody"), "X-Forwarded-For", "192.0.2.43");
		String scrape = scrape();
		Set<String> scraped = sampleNames(scrape);
		Set<String> used = new TreeSet<>();
		used.addAll(ruleMetricNames());
		used.addAll(dashboardMetricNames());
		// the parsing finds what the files are known to use
		assertThat(used).contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
				"facecard_readiness", "facecard_rate_limit_store_degraded", "hikaricp_connections_pending",
				"facecard_cache_gets_total", "facecard_rate_limit_rejections_total", "facecard_avatar_uploads_total");
		used.removeAll(MADE_BY_PROMETHEUS);
		assertThat(scraped).as("metrics scraped from /actuator/prometheus").containsAll(used);
	}

	@Test
	void everySeriesCarriesTheApplicationAndTheStandardFamiliesAreThere() {
		avatarTraffic("192.0.2.51", "192.0.2.52");
		String scrape = scrape();
		for (String line : scrape.split("\n")) {
			if (!line.isEmpty() && !line.startsWith("#")) {
				assertThat(line).as("a sample without the application label").contains("application=\"facecard\"");
			}
		}
		Set<String> names = sampleNames(scrape);
		for (String family : List.of("hikaricp_", "jvm_", "process_", "http_server_requests_seconds_bucket")) {
			assertThat(names).as(family).anyMatch(name -> name.startsWith(family));
		}
		assertThat(scrape).contains("http_server_requests_seconds_bucket{application=\"facecard\",exception=\"none\","
				+ "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/user/get_avatar\",le=\"+Inf\"}");
	}

	@Test
	void actuatorIsOnTheManagementPortOnly() {
		assertThat(this.http.get("/actuator/prometheus").status()).isEqualTo(404);
		assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(404);
		TestHttp management = new TestHttp(this.managementPort);
		assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(management.get("/actuator/env").status()).isEqualTo(404);
	}

	private String scrape() {
		Response scrape = new TestHttp(this.managementPort).get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		return scrape.text();
	}

	static Set<String> sampleNames(String scrape) {
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (!line.isEmpty() && !line.startsWith("#")) {
				int end = line.indexOf('{');
				names.add(line.substring(0, (end >= 0) ? end : line.indexOf(' ')));
			}
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	static Set<String> ruleMetricNames() throws IOException {
		Map<String, Object> rules = new Yaml().load(Files.readString(RULES));
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				names.addAll(metricNames((String) rule.get("expr")));
			}
		}
		return names;
	}

	static Set<String> dashboardMetricNames() throws IOException {
		JsonNode dashboard = TestHttp.parse(Files.readString(DASHBOARD));
		Set<String> names = new TreeSet<>();
		List<JsonNode> targets = new ArrayList<>();
		dashboard.get("panels").values().forEach(panel -> {
			if (panel.has("targets")) {
				panel.get("targets").values().forEach(targets::add);
			}
		});
		assertThat(targets).isNotEmpty();
		targets.forEach(target -> names.addAll(metricNames(target.get("expr").stringValue())));
		for (JsonNode variable : dashboard.at("/templating/list").values()) {
			JsonNode query = variable.get("query");
			String text = (query == null) ? ""
					: query.isObject() ? query.path("query").asString("") : query.asString("");
			Matcher metric = LABEL_VALUES.matcher(text);
			if ("query".equals(variable.get("type").stringValue()) && metric.find()) {
				names.add(metric.group(1));
			}
		}
		return names;
	}

	/**
	 * The metric names of a PromQL expression: its identifiers once strings, label
	 * matchers, ranges and label lists are taken out, but for functions and keywords.
	 */
	static Set<String> metricNames(String expr) {
		String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("\\{[^}]*\\}", " ")
			.replaceAll("\\[[^\\]]*\\]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			if (!PROMQL_KEYWORDS.contains(identifier.group())) {
				names.add(identifier.group());
			}
		}
		return names;
	}

}

package dev.facecard.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import dev.facecard.support.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped alert rules are valid ({@code promtool check rules}), their unit tests pass
 * ({@code promtool test rules}: each alert fires on made-up series and stays silent on
 * others), and so does the Prometheus configuration of docker-compose.yml's
 * {@code observability} profile; the Grafana dashboard's queries are valid PromQL. Uses
 * the {@code promtool} on the PATH (Debian's {@code prometheus} package); without it the
 * test is skipped, unless {@code FACECARD_PROMTOOL_TESTS=required} (.ci/run) makes its
 * absence a failure.
 */
class PromtoolRulesTest {

	private static final Path OPS = Path.of("ops/prometheus");

	private Path promtool;

	/** Per test rather than per class, so that surefire counts a skip. */
	@BeforeEach
	void promtoolInstalled() {
		Optional<Path> found = onPath("promtool");
		if (found.isEmpty() && "required".equals(System.getenv("FACECARD_PROMTOOL_TESTS"))) {
			fail("FACECARD_PROMTOOL_TESTS=required but no promtool on the PATH (apt-get install prometheus)");
		}
		assumeTrue(found.isPresent(), "no promtool on the PATH (apt-get install prometheus)");
		this.promtool = found.get();
	}

	@Test
	void rulesAreValid() throws Exception {
		assertThat(promtool("check", "rules", "facecard-rules.yml")).contains("SUCCESS");
	}

	@Test
	void everyAlertFiresAndStaysSilentOnItsUnitTests() throws Exception {
		assertThat(promtool("test", "rules", "facecard-rules-test.yml")).contains("SUCCESS");
	}

	@Test
	void everyAlertHasUnitTests() throws IOException {
		String rules = Files.readString(OPS.resolve("facecard-rules.yml"));
		String tests = Files.readString(OPS.resolve("facecard-rules-test.yml"));
		List<String> alerts = new ArrayList<>();
		rules.lines()
			.map(String::strip)
			.filter(line -> line.startsWith("- alert: "))
			.forEach(line -> alerts.add(line.substring("- alert: ".length())));
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
		for (String alert : alerts) {
			assertThat(tests).as(alert + " is unit-tested").contains("alertname: " + alert);
		}
	}

	@Test
	void composePrometheusConfigurationIsValid() throws Exception {
		assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
	}

	/**
	 * Every query of the dashboard is valid PromQL: promtool checks each as a recording
	 * rule, with Grafana's range variable replaced by a range.
	 */
	@Test
	void dashboardQueriesAreValidPromQl(@TempDir Path directory) throws Exception {
		JsonNode dashboard = TestHttp.parse(Files.readString(OperationsMetricsTest.DASHBOARD));
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		int count = 0;
		for (JsonNode panel : dashboard.get("panels").values()) {
			for (JsonNode target : panel.path("targets").values()) {
				String expr = target.get("expr").stringValue().replace("$__rate_interval", "5m");
				rules.append("      - record: dashboard:query").append(count++).append("\n");
				rules.append("        expr: '").append(expr.replace("'", "''")).append("'\n");
			}
		}
		assertThat(count).isGreaterThanOrEqualTo(8);
		Files.writeString(directory.resolve("dashboard-queries.yml"), rules);
		assertThat(promtool(directory, "check", "rules", "dashboard-queries.yml")).contains("SUCCESS: " + count);
	}

	private String promtool(String... arguments) throws IOException, InterruptedException {
		return promtool(OPS, arguments);
	}

	/** Runs promtool in {@code directory}; its output, once it succeeded. */
	private String promtool(Path directory, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.promtool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		// read before waiting, so that a full pipe never blocks it
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
		return output;
	}

	private static Optional<Path> onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}

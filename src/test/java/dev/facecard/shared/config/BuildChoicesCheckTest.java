package dev.facecard.shared.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Under Spring AOT the Actuator's port and the request threads were chosen when the jar
 * was built; a start that asks for another choice is refused, and says what to do
 * (scripts/spring-aot-refusals.sh starts the packaged jar so).
 */
class BuildChoicesCheckTest {

	@Test
	void aStartAskingForWhatTheBeansWereBuiltForGoesAhead() {
		for (ManagementPortType type : ManagementPortType.values()) {
			assertThatNoException().isThrownBy(() -> BuildChoicesCheck.checkManagementPort(Optional.of(type), type));
		}
		assertThatNoException().isThrownBy(() -> BuildChoicesCheck.checkThreads(true, true));
		assertThatNoException().isThrownBy(() -> BuildChoicesCheck.checkThreads(false, false));
	}

	@Test
	void withoutAManagementPortMarkerThereIsNothingToCompare() {
		assertThatNoException()
			.isThrownBy(() -> BuildChoicesCheck.checkManagementPort(Optional.empty(), ManagementPortType.DIFFERENT));
	}

	@Test
	void anotherManagementPortIsRefusedWithWhatToChange() {
		Throwable refused = catchThrowable(() -> BuildChoicesCheck
			.checkManagementPort(Optional.of(ManagementPortType.SAME), ManagementPortType.DIFFERENT));
		assertThat(refused).isInstanceOf(BuiltBeansMismatchException.class);
		assertThat(catchThrowable(() -> BuildChoicesCheck.checkManagementPort(Optional.of(ManagementPortType.DIFFERENT),
				ManagementPortType.DISABLED)))
			.hasMessage("management.server.port asks for no Actuator over HTTP at this start, but Spring AOT fixed"
					+ " the beans for the Actuator on a port of its own when the jar was built");

		FailureAnalysis analysis = analyze(new IllegalStateException("Failed to refresh", refused));
		assertThat(analysis.getDescription())
			.isEqualTo("management.server.port asks for the Actuator on a port of its own at this start, but Spring"
					+ " AOT fixed the beans for the Actuator on the service's port when the jar was built.");
		assertThat(analysis.getAction()).contains("--build-arg MANAGEMENT_SERVER_PORT=", "SPRING_AOT_ENABLED=false");
	}

	@Test
	void virtualThreadsOnAJarBuiltOnJava17AreRefusedWithWhatToChange() {
		FailureAnalysis analysis = analyze(catchThrowable(() -> BuildChoicesCheck.checkThreads(false, true)));
		assertThat(analysis.getDescription())
			.isEqualTo("spring.threads.virtual.enabled asks for virtual threads (Java 21 or newer) at this start, but"
					+ " Spring AOT fixed the beans for platform threads (a build on Java 17) when the jar was built.");
		assertThat(analysis.getAction()).contains("21 or newer", "SPRING_AOT_ENABLED=false");
		assertThat(catchThrowable(() -> BuildChoicesCheck.checkThreads(true, false)))
			.hasMessageContaining("asks for platform threads at this start");
	}

	@Test
	void aFeatureTurnedOffThatTheBuildKeptOnIsRefused() {
		BuildChoicesCheck.Switch apiDocs = new BuildChoicesCheck.Switch("springdoc.api-docs.enabled",
				"the OpenAPI document", "no OpenAPI document", environment -> false);
		assertThatNoException().isThrownBy(() -> BuildChoicesCheck.checkSwitch(apiDocs, true, true));
		assertThatNoException().isThrownBy(() -> BuildChoicesCheck.checkSwitch(apiDocs, false, false));
		FailureAnalysis analysis = analyze(catchThrowable(() -> BuildChoicesCheck.checkSwitch(apiDocs, true, false)));
		assertThat(analysis.getDescription())
			.isEqualTo("springdoc.api-docs.enabled asks for no OpenAPI document at this start, but Spring AOT fixed"
					+ " the beans for the OpenAPI document when the jar was built.");
		assertThat(analysis.getAction()).contains("springdoc.api-docs.enabled", "SPRING_AOT_ENABLED=false");
	}

	/** As Spring Boot analyses a failed start (those needing the context left out). */
	private static FailureAnalysis analyze(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (type, name, ex) -> {
			});
		return analyzers.stream()
			.map(analyzer -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow();
	}

}

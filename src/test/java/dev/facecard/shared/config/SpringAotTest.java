package dev.facecard.shared.config;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SPRING_AOT_ENABLED} reaches the system property Spring reads, unless one is set
 * already.
 */
class SpringAotTest {

	private String before;

	@BeforeEach
	void remember() {
		this.before = System.clearProperty(SpringAot.PROPERTY);
	}

	@AfterEach
	void restore() {
		System.clearProperty(SpringAot.PROPERTY);
		if (this.before != null) {
			System.setProperty(SpringAot.PROPERTY, this.before);
		}
	}

	@Test
	void theVariableSetsTheProperty() {
		SpringAot.enableFrom(Map.of("SPRING_AOT_ENABLED", " true "));
		assertThat(System.getProperty(SpringAot.PROPERTY)).isEqualTo("true");
	}

	@Test
	void aPropertyGivenOnTheCommandLineWins() {
		System.setProperty(SpringAot.PROPERTY, "false");
		SpringAot.enableFrom(Map.of("SPRING_AOT_ENABLED", "true"));
		assertThat(System.getProperty(SpringAot.PROPERTY)).isEqualTo("false");
	}

	@Test
	void theBuildsAotProcessingIsLeftAlone() {
		System.setProperty("spring.aot.processing", "true");
		try {
			SpringAot.enableFrom(Map.of("SPRING_AOT_ENABLED", "true"));
			assertThat(System.getProperty(SpringAot.PROPERTY)).isNull();
		}
		finally {
			System.clearProperty("spring.aot.processing");
		}
	}

	@Test
	void noVariableOrABlankOneLeavesItUnset() {
		SpringAot.enableFrom(Map.of());
		SpringAot.enableFrom(Map.of("SPRING_AOT_ENABLED", " "));
		assertThat(System.getProperty(SpringAot.PROPERTY)).isNull();
	}

}

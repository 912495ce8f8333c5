package dev.facecard.shared.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.facecard.shared.config.FacecardProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code facecard.connections.write-buffer} as shipped (32 KB: application.yml and the
 * record's default) and its bounds, bound as at start-up: a value outside 8 KB–1 MB fails
 * start-up with the property's name; an empty one is the default.
 * {@link ConnectionBuffersTest} shows it reach the running connector.
 */
class ConnectionSettingsTest {

	@Test
	void theShippedWriteBufferIs32Kilobytes() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		FacecardProperties.Connections connections = new Binder(ConfigurationPropertySources.from(yaml))
			.bindOrCreate("facecard.connections", FacecardProperties.Connections.class);

		assertThat(connections.writeBuffer()).isEqualTo(DataSize.ofKilobytes(32));
	}

	@Test
	void anEmptyWriteBufferIsTheDefault() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("facecard.connections.write-buffer", "")));

		assertThat(binder.bindOrCreate("facecard.connections", FacecardProperties.Connections.class).writeBuffer())
			.isEqualTo(DataSize.ofKilobytes(32));
	}

	@Test
	void aWriteBufferOutsideItsBoundsFailsStartUp() {
		for (String value : List.of("4KB", "8191B", "2MB")) {
			Binder binder = new Binder(
					new MapConfigurationPropertySource(Map.of("facecard.connections.write-buffer", value)));

			assertThatExceptionOfType(BindException.class).as(value)
				.isThrownBy(() -> binder.bindOrCreate("facecard.connections", FacecardProperties.Connections.class))
				.havingRootCause()
				.withMessageContaining("facecard.connections.write-buffer");
		}
	}

	@Test
	void theBoundsThemselvesAreAccepted() {
		for (DataSize size : List.of(DataSize.ofKilobytes(8), DataSize.ofMegabytes(1))) {
			assertThat(new FacecardProperties.Connections(size).writeBuffer()).isEqualTo(size);
		}
	}

}

package dev.facecard.shared.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.SlowClientProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped settings (application.yml and the defaults of {@code facecard.deadlines})
 * disconnect a client that trickles within 100 s of connecting. {@link SlowClientsTest}
 * shows the rules at work with shorter deadlines.
 */
class SlowClientDefaultsTest {

	private static final Duration LIMIT = Duration.ofSeconds(100);

	@Test
	void aTricklingClientIsDisconnectedWithin100SecondsOfConnecting() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		Binder binder = new Binder(ConfigurationPropertySources.from(yaml));
		Duration connectionTimeout = binder.bind("server.tomcat.connection-timeout", Duration.class).get();
		Duration keepAliveTimeout = binder.bind("server.tomcat.keep-alive-timeout", Duration.class).get();
		FacecardProperties.Deadlines deadlines = binder.bindOrCreate("facecard.deadlines",
				FacecardProperties.Deadlines.class);
		Duration check = SlowClientProtocol.SWEEP_INTERVAL;

		// Tomcat closes a new connection silent for a connection timeout; from its first
		// byte, the whole request (head, body, an unread body Tomcat discards, the
		// answer) has head + body. The README says 81 s.
		Duration request = connectionTimeout.plus(deadlines.head()).plus(deadlines.body()).plus(check);
		assertThat(request).isEqualTo(Duration.ofSeconds(81)).isLessThanOrEqualTo(LIMIT);
		// blank lines only: first seen within a check, then idle for the longer timeout
		// plus the head deadline
		Duration blankLines = check.plus(max(connectionTimeout, keepAliveTimeout)).plus(deadlines.head()).plus(check);
		assertThat(blankLines).isLessThanOrEqualTo(LIMIT);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}

package dev.facecard.shared.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/** One clock for every timestamp Facecard writes, so tests can reason about time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}

package dev.facecard.system;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat's connector with the deadlines of slow clients ({@link ConnectionDeadlines}). */
@Configuration(proxyBeanMethods = false)
class ConnectionDeadlinesConfiguration {

	/** The registry is looked up at the first close: a web server customizer runs before meters are set up. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionDeadlines(FacecardProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		return factory -> {
			ConnectionDeadlines deadlines = new ConnectionDeadlines(properties.deadlines(),
					missed -> Counter.builder("facecard.connections.deadline.closed")
						.description("Connections closed because a client was too slow, by the deadline it missed")
						.tag("deadline", missed.name().toLowerCase(Locale.ROOT))
						.register(meters.getObject())
						.increment());
			factory.setProtocol(SlowClientProtocol.class.getName());
			factory.addConnectorCustomizers(connector -> {
				if (connector.getProtocolHandler() instanceof SlowClientProtocol protocol) {
					protocol.enforce(deadlines);
				}
			});
			factory.addEngineValves(deadlines.valve());
		};
	}

}

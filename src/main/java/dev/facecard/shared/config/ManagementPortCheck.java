package dev.facecard.shared.config;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the Actuator listens ({@code management.server.port}: the service's port, one of
 * its own, or none) chooses beans. Under Spring AOT they were chosen when the jar was
 * built, and a start with another choice would silently serve health and metrics where
 * nobody looks (or where nobody should): refused before the server starts. Without AOT
 * the marker below is chosen at start too, and the check always passes.
 */
@Configuration(proxyBeanMethods = false)
class ManagementPortCheck {

	/** The management port's kind the beans were chosen for. */
	record BuiltFor(ManagementPortType type) {
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.SAME)
	BuiltFor builtForSameManagementPort() {
		return new BuiltFor(ManagementPortType.SAME);
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	BuiltFor builtForOwnManagementPort() {
		return new BuiltFor(ManagementPortType.DIFFERENT);
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.DISABLED)
	BuiltFor builtForNoManagementPort() {
		return new BuiltFor(ManagementPortType.DISABLED);
	}

	@Bean
	static SmartInitializingSingleton managementPortMatchesBuild(ObjectProvider<BuiltFor> builtFor,
			Environment environment) {
		return () -> check(Optional.ofNullable(builtFor.getIfUnique()).map(BuiltFor::type),
				ManagementPortType.get(environment));
	}

	static void check(Optional<ManagementPortType> builtFor, ManagementPortType started) {
		if (builtFor.isPresent() && builtFor.get() != started) {
			throw new BuiltBeansMismatchException("management.server.port", "MANAGEMENT_SERVER_PORT",
					describe(builtFor.get()), describe(started));
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

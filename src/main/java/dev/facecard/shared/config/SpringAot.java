package dev.facecard.shared.config;

import java.util.Map;

/**
 * Whether the service runs the bean definitions Spring AOT fixed at build time (README,
 * Deployment): Spring reads {@code spring.aot.enabled} from system properties only, so
 * that the image can default to it and an operator can turn it off with an environment
 * variable, {@code SPRING_AOT_ENABLED} is copied into it. A system property given on the
 * command line wins.
 */
public final class SpringAot {

	static final String PROPERTY = "spring.aot.enabled";

	static final String VARIABLE = "SPRING_AOT_ENABLED";

	private SpringAot() {
	}

	/**
	 * Copies {@code SPRING_AOT_ENABLED} of {@code environment} into the system property.
	 */
	public static void enableFrom(Map<String, String> environment) {
		String value = environment.get(VARIABLE);
		// the build's AOT processing runs main too: it makes the definitions, never uses
		// them
		boolean processing = Boolean.getBoolean("spring.aot.processing");
		if (value != null && !value.isBlank() && System.getProperty(PROPERTY) == null && !processing) {
			System.setProperty(PROPERTY, value.trim());
		}
	}

}

package dev.facecard.shared.config;

/**
 * A start under Spring AOT ({@link SpringAot}) with a setting that would choose other
 * beans than the ones fixed when the jar was built: refused, since the service would
 * otherwise run without what the setting asks for (README, Deployment).
 */
public class BuiltBeansMismatchException extends IllegalStateException {

	private final String buildVariable;

	/**
	 * @param setting the property, as written in the README
	 * @param buildVariable the environment variable (and the image's build argument) that
	 * sets it at build time
	 * @param builtFor what the beans were chosen for
	 * @param startedWith what this start asks for
	 */
	public BuiltBeansMismatchException(String setting, String buildVariable, String builtFor, String startedWith) {
		super(setting + " asks for " + startedWith + " at this start, but Spring AOT fixed the beans for " + builtFor
				+ " when the jar was built");
		this.buildVariable = buildVariable;
	}

	String buildVariable() {
		return this.buildVariable;
	}

}

package dev.facecard.shared.config;

/**
 * A start under Spring AOT ({@link SpringAot}) with a setting that would choose other
 * beans than the ones fixed when the jar was built: refused, since the service would
 * otherwise run without what the setting asks for (README, Deployment).
 */
public class BuiltBeansMismatchException extends IllegalStateException {

	private final String sameBuild;

	/**
	 * @param setting the property, as written in the README
	 * @param startedWith what this start asks for
	 * @param builtFor what the beans were chosen for
	 * @param sameBuild how to build the jar for what this start asks for
	 */
	public BuiltBeansMismatchException(String setting, String startedWith, String builtFor, String sameBuild) {
		super(setting + " asks for " + startedWith + " at this start, but Spring AOT fixed the beans for " + builtFor
				+ " when the jar was built");
		this.sameBuild = sameBuild;
	}

	String sameBuild() {
		return this.sameBuild;
	}

}

package dev.facecard.shared.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start refused for settings the jar's Spring AOT beans were not built for is told as
 * what it is and the two ways out, not as a stack trace.
 */
class BuiltBeansFailureAnalyzer extends AbstractFailureAnalyzer<BuiltBeansMismatchException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BuiltBeansMismatchException cause) {
		return new FailureAnalysis(
				cause.getMessage() + ".", "Build for the same choice (" + cause.sameBuild()
						+ "), or start without Spring AOT: " + SpringAot.VARIABLE + "=false (README, Deployment).",
				cause);
	}

}

package dev.facecard.shared.web;

import dev.facecard.shared.web.ConnectionBudget.HeapTooSmallException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start refused because the heap holds too few connections ({@link ConnectionBudget})
 * is told as what it is and what to change, not as a stack trace.
 */
class HeapTooSmallFailureAnalyzer extends AbstractFailureAnalyzer<HeapTooSmallException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HeapTooSmallException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Give the JVM more heap (-Xmx, or the container more memory: the image's heap is 60% of it), lower"
						+ " facecard.cache.*-bytes or facecard.connections.write-buffer, or set"
						+ " server.tomcat.max-connections (README, Hostile input).",
				cause);
	}

}

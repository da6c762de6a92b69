package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.annotation.HandlerDefinitionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up refused because of invalid Socket.IO handlers: each problem, and where the rules are.
 */
class HandlerDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<HandlerDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HandlerDefinitionException cause) {
		StringBuilder description = new StringBuilder("The application declares Socket.IO handlers that cannot work:");
		for (String problem : cause.getProblems()) {
			description.append(System.lineSeparator()).append(System.lineSeparator()).append("    ").append(problem);
		}
		return new FailureAnalysis(description.toString(),
				"Change the methods listed above as each message says. The handler reference (parameters, return "
						+ "values, namespaces, reserved event names) is docs/handlers.md.",
				cause);
	}

}

package io.github.springsocketio.autoconfigure;

import java.util.List;

import io.github.springsocketio.annotation.HandlerDefinitionException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start-up refused for invalid handlers is explained problem by problem.
 */
class HandlerDefinitionFailureAnalyzerTests {

	@Test
	void listsEveryProblemAndPointsToTheHandlerReference() {
		HandlerDefinitionException exception = new HandlerDefinitionException(
				List.of("first problem. Fix it.", "second problem. Fix that."));
		FailureAnalysis analysis = new HandlerDefinitionFailureAnalyzer()
			.analyze(new IllegalStateException("wrapper", exception));
		assertThat(analysis.getDescription()).contains("Socket.IO handlers that cannot work")
			.contains("first problem. Fix it.")
			.contains("second problem. Fix that.");
		assertThat(analysis.getAction()).contains("docs/handlers.md");
		assertThat(exception.getMessage()).isEqualTo("Invalid Socket.IO handlers:" + System.lineSeparator()
				+ " - first problem. Fix it." + System.lineSeparator() + " - second problem. Fix that.");
	}

}

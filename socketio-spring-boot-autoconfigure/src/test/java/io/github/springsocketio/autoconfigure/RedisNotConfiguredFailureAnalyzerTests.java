package io.github.springsocketio.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start-up refused for a Redis Streams adapter without Redis says what is missing and what to set.
 */
class RedisNotConfiguredFailureAnalyzerTests {

	@Test
	void separatesWhatIsMissingFromWhatToDo() {
		RedisNotConfiguredException exception = new RedisNotConfiguredException("No Redis is configured.",
				"Set spring.data.redis.url.");
		FailureAnalysis analysis = new RedisNotConfiguredFailureAnalyzer()
			.analyze(new IllegalStateException("wrapper", exception));
		assertThat(analysis.getDescription()).isEqualTo("No Redis is configured.");
		assertThat(analysis.getAction()).isEqualTo("Set spring.data.redis.url.");
	}

}

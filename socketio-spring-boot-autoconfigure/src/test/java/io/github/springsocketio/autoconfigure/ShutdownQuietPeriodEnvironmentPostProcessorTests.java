package io.github.springsocketio.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty's event loops wait 100 ms instead of 2 s for quiet at shutdown, and a value the application sets wins.
 */
class ShutdownQuietPeriodEnvironmentPostProcessorTests {

	private final ShutdownQuietPeriodEnvironmentPostProcessor processor = new ShutdownQuietPeriodEnvironmentPostProcessor();

	@Test
	void theEventLoopsWaitOneHundredMillisecondsForQuiet() {
		StandardEnvironment environment = postProcessed(Map.of());

		assertThat(environment.getProperty("spring.reactor.netty.shutdown-quiet-period")).isEqualTo("100ms");
	}

	@Test
	void anExplicitQuietPeriodWins() {
		StandardEnvironment environment = postProcessed(Map.of("spring.reactor.netty.shutdown-quiet-period", "2s"));

		assertThat(environment.getProperty("spring.reactor.netty.shutdown-quiet-period")).isEqualTo("2s");
	}

	@Test
	void withSocketIoDisabledBootsDefaultStays() {
		StandardEnvironment environment = postProcessed(Map.of("socketio.enabled", "false"));

		assertThat(environment.containsProperty("spring.reactor.netty.shutdown-quiet-period")).isFalse();
	}

	private StandardEnvironment postProcessed(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}

package io.github.springsocketio.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's request head limits default to Node.js's 16 KB, and a value the application sets wins.
 */
class RequestHeadLimitsEnvironmentPostProcessorTests {

	private final RequestHeadLimitsEnvironmentPostProcessor processor = new RequestHeadLimitsEnvironmentPostProcessor();

	@Test
	void theRequestLineAndTheHeadersMayTakeSixteenKilobytesEach() {
		StandardEnvironment environment = postProcessed(Map.of());

		assertThat(environment.getProperty("server.netty.max-initial-line-length")).isEqualTo("16KB");
		assertThat(environment.getProperty("server.max-http-request-header-size")).isEqualTo("16KB");
	}

	@Test
	void explicitLimitsWin() {
		StandardEnvironment environment = postProcessed(
				Map.of("server.netty.max-initial-line-length", "2KB", "server.max-http-request-header-size", "64KB"));

		assertThat(environment.getProperty("server.netty.max-initial-line-length")).isEqualTo("2KB");
		assertThat(environment.getProperty("server.max-http-request-header-size")).isEqualTo("64KB");
	}

	@Test
	void withSocketIoDisabledBootsDefaultsStay() {
		StandardEnvironment environment = postProcessed(Map.of("socketio.enabled", "false"));

		assertThat(environment.containsProperty("server.netty.max-initial-line-length")).isFalse();
		assertThat(environment.containsProperty("server.max-http-request-header-size")).isFalse();
	}

	private StandardEnvironment postProcessed(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}

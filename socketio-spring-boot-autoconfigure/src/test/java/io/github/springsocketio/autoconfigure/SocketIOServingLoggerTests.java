package io.github.springsocketio.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A starting application says once, at INFO, where Socket.IO serves and on which adapter, and logs nothing about
 * Redis repositories it does not use.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketIOServingLoggerTests {

	@Test
	void saysOnceWhereSocketIOServesWithWhichAdapter(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("socketio.node-id=node-a",
				"socketio.path=/realtime/")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			assertThat(output).containsOnlyOnce("Socket.IO serving at /realtime/ on port " + port
					+ " with the in-memory adapter (node node-a)");
		}
	}

	@Test
	void saysNothingForTheManagementServersPort(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("management.server.port=0")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			assertThat(output).containsOnlyOnce("Socket.IO serving at").contains("on port " + port + " with");
		}
	}

	@Test
	void logsNoSpringDataStrictModeWithoutRedis(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(output).contains("Socket.IO serving at").doesNotContain("Multiple Spring Data modules found");
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

package io.github.springsocketio.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter without Actuator or Micrometer's meters: the server starts with neither its health indicator, its
 * endpoint nor its meters.
 */
class MinimalClasspathWithoutActuatorTests extends MinimalClasspathTests {

	@Override
	protected List<String> absentClasses() {
		return List.of("org.springframework.boot.actuate.endpoint.annotation.Endpoint",
				"org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
				"org.springframework.boot.health.contributor.HealthIndicator", "io.micrometer.core.instrument.MeterRegistry");
	}

	@Test
	void theServerStartsWithoutActuatorOrMeterBeans() {
		try (ConfigurableApplicationContext context = start()) {
			List<String> packages = Arrays.stream(context.getBeanDefinitionNames())
				.map(context::getType)
				.filter(Objects::nonNull)
				.map(Class::getPackageName)
				.toList();

			assertThat(context.getBeansOfType(SocketIOServer.class)).hasSize(1);
			assertThat(packages).doesNotContain("io.github.springsocketio.actuate", "io.github.springsocketio.metrics")
				.noneMatch((name) -> name.startsWith("org.springframework.boot.actuate"));
		}
	}

}

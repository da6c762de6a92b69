package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.actuate.SocketIOEndpoint;
import io.github.springsocketio.actuate.SocketIOHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code socketio} health indicator and endpoint: present with Actuator, named as Boot names contributors, off
 * when disabled or without their classes.
 */
class SocketIOActuatorAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class,
				EndpointAutoConfiguration.class, SocketIOActuatorAutoConfiguration.class));

	@Test
	void theHealthIndicatorIsNamedSocketio() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SocketIOHealthIndicator.class)
			.hasBean("socketioHealthIndicator"));
	}

	@Test
	void theHealthIndicatorCanBeDisabled() {
		this.runner.withPropertyValues("management.health.socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHealthIndicator.class));
	}

	@Test
	void withoutTheHealthApiTheIndicatorBacksOff() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHealthIndicator.class));
	}

	@Test
	void theEndpointExistsOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SocketIOEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).hasSingleBean(SocketIOEndpoint.class));
	}

	@Test
	void withoutActuatorTheEndpointBacksOff() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOEndpoint.class));
	}

	@Test
	void noServerNoActuatorBeans() {
		this.runner.withPropertyValues("socketio.enabled=false", "management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHealthIndicator.class)
				.doesNotHaveBean(SocketIOEndpoint.class));
	}

}

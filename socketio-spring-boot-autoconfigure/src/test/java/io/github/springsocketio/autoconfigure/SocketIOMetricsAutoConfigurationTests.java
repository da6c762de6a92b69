package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.annotation.HandlerObservationContext;
import io.github.springsocketio.metrics.ClusterMetrics;
import io.github.springsocketio.metrics.EngineIoMetrics;
import io.github.springsocketio.metrics.HandlerMeterObservationHandler;
import io.github.springsocketio.metrics.SocketIOMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters are bound whenever a meter registry exists, with no flag of ours; they back off without Micrometer,
 * without a registry, and before a user's own binder.
 */
class SocketIOMetricsAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class,
				SocketIOMetricsAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner withRegistry = this.runner.withConfiguration(AutoConfigurations
		.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class));

	@Test
	void handlerMetersFollowBootsSettingForLongTaskTimers() {
		this.withRegistry.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ObservationRegistry observations = ObservationRegistry.create();
				observations.observationConfig()
					.observationHandler(context.getBean(HandlerMeterObservationHandler.class));
				Observation.createNotStarted("socketio.handler",
						() -> new HandlerObservationContext(new HandlerObservationContext.Site("/", "echo")),
						observations)
					.start()
					.stop();
				assertThat(registry.find("socketio.handler").timer()).isNotNull();
				assertThat(registry.find("socketio.handler.active").longTaskTimer()).isNull();
			});
	}

	@Test
	void metersAreBoundWhenARegistryExists() {
		this.withRegistry.run((context) -> {
			assertThat(context).hasSingleBean(EngineIoMetrics.class)
				.hasSingleBean(SocketIOMetrics.class)
				.hasSingleBean(HandlerMeterObservationHandler.class);
			assertThat(context).as("with the in-memory adapter").doesNotHaveBean(ClusterMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("engineio.sessions.active").gauges()).hasSize(2);
			assertThat(registry.find("socketio.sockets.active").tag("namespace", "/").gauge()).isNotNull();
			assertThat(registry.find("socketio.acks.pending").gauge()).isNotNull();
		});
	}

	@Test
	void noRegistryNoMeters() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(EngineIoMetrics.class)
			.doesNotHaveBean(SocketIOMetrics.class));
	}

	@Test
	void withoutMicrometerOnTheClasspathTheConfigurationBacksOff() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EngineIoMetrics.class)
				.doesNotHaveBean(SocketIOMetrics.class));
	}

	@Test
	void turningTheMetersOffIsBootsJob() {
		this.withRegistry.withPropertyValues("management.metrics.enable.socketio=false",
				"management.metrics.enable.engineio=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("socketio.sockets.active").gauges()).isEmpty();
				assertThat(registry.find("engineio.sessions.active").gauges()).isEmpty();
			});
	}

	@Test
	void aUsersOwnBinderWins() {
		this.withRegistry.withUserConfiguration(OwnMetrics.class)
			.run((context) -> assertThat(context.getBean(SocketIOMetrics.class))
				.isSameAs(context.getBean(OwnMetrics.class).metrics));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMetrics {

		SocketIOMetrics metrics;

		@Bean
		SocketIOMetrics mySocketIoMetrics(io.github.springsocketio.server.SocketIOServer server) {
			this.metrics = new SocketIOMetrics(server);
			return this.metrics;
		}

	}

}

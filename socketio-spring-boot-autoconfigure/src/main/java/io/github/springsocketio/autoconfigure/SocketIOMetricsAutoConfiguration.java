package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.metrics.ClusterMetrics;
import io.github.springsocketio.metrics.EngineIoMetrics;
import io.github.springsocketio.metrics.HandlerMeterObservationHandler;
import io.github.springsocketio.metrics.SocketIOMetrics;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The {@code engineio.*}, {@code socketio.*} and {@code socketio.adapter.*} meters, bound whenever a
 * {@link MeterRegistry} exists. Switch them off with Boot's {@code management.metrics.enable.engineio=false} and
 * {@code management.metrics.enable.socketio=false}. The {@code socketio.handler} observations become meters through
 * a {@link HandlerMeterObservationHandler}, which keeps them per handler instead of looking them up on every call.
 */
@AutoConfiguration(after = { SocketIOAutoConfiguration.class, SocketIORedisAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, SocketIOServer.class })
public final class SocketIOMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EngineIoMetrics engineIoMetrics(SocketIOServer socketIoServer) {
		return new EngineIoMetrics(socketIoServer.engine());
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIOMetrics socketIoMetrics(SocketIOServer socketIoServer) {
		return new SocketIOMetrics(socketIoServer);
	}

	/** Ahead of Micrometer's default meter handler, which takes the observations this one does not. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties")
	static class HandlerMetricsConfiguration {

		@Bean
		@Order(0)
		@ConditionalOnMissingBean
		HandlerMeterObservationHandler socketIoHandlerMeterObservationHandler(MeterRegistry meterRegistry,
				ObjectProvider<MetricsProperties> metricsProperties) {
			MetricsProperties properties = metricsProperties.getIfAvailable();
			boolean longTaskTimer = properties == null
					|| !properties.getObservations().getIgnoredMeters().contains(IgnoredMeters.LONG_TASK_TIMER);
			return new HandlerMeterObservationHandler(meterRegistry, longTaskTimer);
		}

	}

	/** For any cluster adapter: its factory reports the cluster's state. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ClusterStatus.class)
	static class ClusterMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterMetrics socketIoClusterMetrics(ClusterStatus clusterStatus) {
			return new ClusterMetrics(clusterStatus);
		}

	}

}

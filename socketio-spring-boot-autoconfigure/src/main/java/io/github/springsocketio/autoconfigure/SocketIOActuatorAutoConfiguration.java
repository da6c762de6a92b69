package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.actuate.SocketIOEndpoint;
import io.github.springsocketio.actuate.SocketIOHealthIndicator;
import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.SocketIOServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code socketio} health indicator ({@code management.health.socketio.enabled}) and the {@code socketio}
 * Actuator endpoint (read-only unless {@code management.endpoint.socketio.access=unrestricted}).
 */
@AutoConfiguration(after = { SocketIOAutoConfiguration.class, SocketIORedisAutoConfiguration.class })
@ConditionalOnBean(SocketIOServer.class)
public final class SocketIOActuatorAutoConfiguration {

	/** The state of a cluster adapter, whatever its type; none for the in-memory adapter. */
	static @Nullable ClusterStatus cluster(AdapterFactory adapterFactory) {
		return (adapterFactory instanceof ClusterStatus cluster) ? cluster : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("socketio")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "socketioHealthIndicator")
		SocketIOHealthIndicator socketioHealthIndicator(SocketIOServer socketIoServer, SocketIONode node,
				AdapterFactory adapterFactory, SocketIOProperties properties) {
			return new SocketIOHealthIndicator(socketIoServer, node.id(), cluster(adapterFactory),
					EngineIoOptionsFactory.positive("socketio.adapter.redis.health-down-after",
							properties.getAdapter().getRedis().getHealthDownAfter()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(SocketIOEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketIOEndpoint socketIoEndpoint(SocketIOServer socketIoServer, SocketIONode node,
				AdapterFactory adapterFactory) {
			return new SocketIOEndpoint(socketIoServer, node.id(), cluster(adapterFactory));
		}

	}

}

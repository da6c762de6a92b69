package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.metrics.ClusterMetrics;
import io.github.springsocketio.metrics.EngineIoMetrics;
import io.github.springsocketio.metrics.SocketIOMetrics;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code engineio.*}, {@code socketio.*} and {@code socketio.adapter.*} meters, bound whenever a
 * {@link MeterRegistry} exists. Switch them off with Boot's {@code management.metrics.enable.engineio=false} and
 * {@code management.metrics.enable.socketio=false}.
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisStreamsAdapterFactory.class)
	@ConditionalOnBean(RedisStreamsAdapterFactory.class)
	static class ClusterMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterMetrics socketIoClusterMetrics(RedisStreamsAdapterFactory redisStreamsAdapterFactory) {
			return new ClusterMetrics(redisStreamsAdapterFactory);
		}

	}

}

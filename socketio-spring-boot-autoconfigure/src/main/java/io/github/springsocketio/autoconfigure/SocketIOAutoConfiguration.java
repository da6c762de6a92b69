package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.ParserType;
import io.github.springsocketio.server.SocketIOOptions;
import io.github.springsocketio.server.SocketAuthenticator;
import io.github.springsocketio.server.SocketIOServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The Socket.IO server at {@code socketio.path}, on the in-memory adapter unless an {@link AdapterFactory} bean says
 * otherwise. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(after = EngineIoAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBean(EngineIoOptions.class)
public final class SocketIOAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIOOptions socketIoOptions(SocketIOProperties properties) {
		if (properties.getMaxAttachments() < 1) {
			throw new InvalidConfigurationPropertyValueException("socketio.max-attachments",
					properties.getMaxAttachments(), "Allow at least 1 attachment per packet.");
		}
		SocketIOOptions options = new SocketIOOptions(
				EngineIoOptionsFactory.positive("socketio.connect-timeout", properties.getConnectTimeout()),
				properties.getMaxAttachments(), null, SocketIOLimitsFactory.limits(properties));
		SocketIOProperties.ConnectionStateRecovery recovery = properties.getConnectionStateRecovery();
		if (recovery.isEnabled()) {
			options = options.withRecovery(new ConnectionStateRecoveryOptions(
					EngineIoOptionsFactory.positive("socketio.connection-state-recovery.max-disconnection-duration",
							recovery.getMaxDisconnectionDuration()),
					recovery.isSkipMiddlewares()));
		}
		return options;
	}

	@Bean
	@ConditionalOnMissingBean
	AdapterFactory socketIoAdapterFactory(SocketIOProperties properties) {
		// The Redis Streams auto-configuration runs first; asked for and not applied, its classes are missing, and
		// a cluster silently split into lone nodes would be worse than not starting.
		SocketIOProperties.AdapterType type = properties.getAdapter().getType();
		if (type == SocketIOProperties.AdapterType.REDIS_STREAMS || type == SocketIOProperties.AdapterType.REDIS
				|| type == SocketIOProperties.AdapterType.REDIS_SHARDED) {
			throw new InvalidConfigurationPropertyValueException("socketio.adapter.type", type,
					"The Redis adapters need Spring Data Redis with Lettuce and msgpack-core on the class "
							+ "path: add spring-boot-data-redis and org.msgpack:msgpack-core (the starter brings "
							+ "both), or set socketio.adapter.type=memory.");
		}
		return InMemoryAdapter::new;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIOServer socketIoServer(EngineIoOptions socketIoEngineOptions, SocketIOOptions socketIoOptions,
			AdapterFactory adapterFactory, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<SocketIOServerCustomizer> customizers, ObjectProvider<SocketAuthenticator> authenticator,
			SocketIOProperties properties, ApplicationContext context) {
		if (properties.getParser() == ParserType.MSGPACK
				&& !ClassUtils.isPresent("org.msgpack.core.MessagePack", context.getClassLoader())) {
			throw new InvalidConfigurationPropertyValueException("socketio.parser", "msgpack",
					"The msgpack parser needs msgpack-core on the class path: add org.msgpack:msgpack-core (the "
							+ "starter brings it), or set socketio.parser=default.");
		}
		SocketIOServer.Builder builder = SocketIOServer.builder();
		authenticator.ifUnique(builder::authenticator);
		SocketIOServer server = builder
			.engineOptions(socketIoEngineOptions)
			.options(socketIoOptions)
			.parser(properties.getParser())
			.adapterFactory(adapterFactory)
			.mapper(JsonMappers.orDefault(jsonMapper))
			.build();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(server));
		return server;
	}

	@Bean
	SocketIOShutdownLifecycle socketIoShutdownLifecycle(SocketIOServer socketIoServer, SocketIOProperties properties,
			ObjectProvider<AdapterFactory> adapterFactory) {
		AdapterFactory adapter = adapterFactory.getIfUnique();
		return new SocketIOShutdownLifecycle(socketIoServer,
				EngineIoOptionsFactory.positive("socketio.shutdown-timeout", properties.getShutdownTimeout()),
				(adapter instanceof AutoCloseable closeable) ? closeable : null);
	}

	@Bean
	SocketIOServingLogger socketIoServingLogger(SocketIOServer socketIoServer,
			ObjectProvider<AdapterFactory> adapterFactory, ObjectProvider<SocketIONode> node) {
		return new SocketIOServingLogger(socketIoServer, adapterFactory.getIfUnique(),
				node.getIfAvailable(() -> SocketIONode.of(null)).id());
	}

	/** The server's Engine.IO endpoint, for the route provider to serve; the server closes it. */
	@Bean(destroyMethod = "")
	EngineIoServer socketIoEngine(SocketIOServer socketIoServer) {
		return socketIoServer.engine();
	}

}

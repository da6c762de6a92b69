package io.github.springsocketio.autoconfigure;

import java.time.Duration;

import io.github.springsocketio.engine.AllowRequestHandler;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Engine.IO on the application's Reactor Netty server: the options bound from {@code socketio.*} and the route that
 * serves every {@link EngineIoServer} bean on the application's port.
 */
@AutoConfiguration
@ConditionalOnSocketIOServer
@ConditionalOnClass({ HttpServer.class, NettyRouteProvider.class })
@EnableConfigurationProperties(SocketIOProperties.class)
public final class EngineIoAutoConfiguration {

	/**
	 * The Engine.IO options of the Socket.IO endpoint; raw Engine.IO endpoints may start from them too. Two
	 * {@link AllowRequestHandler} beans fail the start-up: a security hook must not be dropped silently.
	 */
	@Bean
	@ConditionalOnMissingBean
	EngineIoOptions socketIoEngineOptions(SocketIOProperties properties, SocketIONode node,
			ObjectProvider<AllowRequestHandler> allowRequest, ObjectProvider<EngineIoOptionsCustomizer> customizers) {
		EngineIoOptions.Builder builder = EngineIoOptionsFactory.builder(properties)
			.allowRequest(allowRequest.getIfAvailable());
		if (properties.getSticky().isEnabled()) {
			builder.handshakeCustomizer(StickyCookie.of(properties, node));
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** This node's identity, from {@code socketio.node-id} or the host name and process id. */
	@Bean
	@ConditionalOnMissingBean
	SocketIONode socketIoNode(SocketIOProperties properties) {
		return SocketIONode.of(properties.getNodeId());
	}

	/**
	 * The request header timeout of the application's server ({@code socketio.request-header-timeout}): Reactor Netty
	 * has none, so a client could hold connections for ever by never finishing their headers.
	 */
	@Bean
	NettyServerCustomizer socketIoRequestHeaderTimeout(SocketIOProperties properties) {
		Duration timeout = properties.getRequestHeaderTimeout();
		return (server) -> (timeout.isZero() || timeout.isNegative()) ? server
				: server.doOnChannelInit(RequestHeaderTimeoutHandler.on(timeout));
	}

	@Bean
	NettyRouteProvider engineIoRouteProvider(ObjectProvider<EngineIoServer> servers) {
		return new EngineIoRouteProvider(servers);
	}

}

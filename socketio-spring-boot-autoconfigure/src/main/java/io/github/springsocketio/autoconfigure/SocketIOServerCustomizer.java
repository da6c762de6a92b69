package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.server.SocketIOServer;

/**
 * Adjusts the auto-configured {@link SocketIOServer} once it is built: registers namespaces, middlewares and
 * connection handlers without replacing the server.
 *
 * <pre>{@code
 * @Bean
 * SocketIOServerCustomizer chat() {
 *     return server -> server.of("/chat").onConnection(socket -> socket.join("lobby"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SocketIOServerCustomizer {

	/**
	 * Customizes the server.
	 * @param server the server, not yet serving requests
	 */
	void customize(SocketIOServer server);

}

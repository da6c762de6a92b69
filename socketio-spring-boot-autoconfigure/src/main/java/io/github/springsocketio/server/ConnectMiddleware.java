package io.github.springsocketio.server;

import reactor.core.publisher.Mono;

/**
 * Runs when a client joins a namespace, before the socket is accepted; refuses it by failing. A
 * {@link ConnectionRefusedException} gives the client its message and data; any other error its message.
 *
 * <pre>{@code
 * server.of("/admin").use(socket -> "secret".equals(socket.handshake().auth("token"))
 *         ? Mono.empty()
 *         : Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "invalid token"))));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectMiddleware {

	/**
	 * @param socket the socket being connected (not yet in the namespace)
	 * @return completes empty to accept, fails to refuse
	 */
	Mono<Void> apply(SocketIOSocket socket);

}

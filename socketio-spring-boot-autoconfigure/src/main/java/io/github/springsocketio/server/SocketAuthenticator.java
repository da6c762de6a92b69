package io.github.springsocketio.server;

import java.security.Principal;

import reactor.core.publisher.Mono;

/**
 * Establishes who opens a socket, before the connection middlewares run. The principal it finds becomes the
 * socket's {@link SocketIOSocket#principal()}, and the socket joins its user's room ({@link UserRooms}), through which
 * {@link SocketIOServer#toUser(String)} reaches every socket of that user on every node.
 *
 * <pre>{@code
 * SocketIOServer server = SocketIOServer.builder()
 *     .adapterFactory(InMemoryAdapter::new)
 *     .authenticator(socket -> tokens.verify(socket.handshake().auth("token")))   // a Mono<Principal>
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface SocketAuthenticator {

	/** Lets every connection in, anonymous. */
	SocketAuthenticator ANONYMOUS = (socket) -> Mono.empty();

	/**
	 * Called once per connection to a namespace; the work starts when the server subscribes.
	 * @param socket the socket being connected (not yet in the namespace); its {@link SocketIOSocket#handshake()}
	 * holds the request headers and the CONNECT auth payload
	 * @return the principal; empty for an anonymous connection; a failure refuses the connection, with the message
	 * of a {@link ConnectionRefusedException}
	 */
	Mono<Principal> authenticate(SocketIOSocket socket);

}

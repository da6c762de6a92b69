package io.github.springsocketio.security;

import io.github.springsocketio.server.SocketIOSocket;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;

/**
 * One place a connecting socket's credentials can be: a token, a session. The first that holds some decides.
 */
@FunctionalInterface
public interface SocketCredentials {

	/**
	 * @param socket the socket being connected
	 * @return its authentication; empty when this place holds no credentials; a
	 * {@link io.github.springsocketio.server.ConnectionRefusedException} when it holds invalid ones
	 */
	Mono<Authentication> authenticate(SocketIOSocket socket);

}

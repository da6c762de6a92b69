package io.github.springsocketio.security;

import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * A bearer token, from the handshake's {@code Authorization: Bearer ...} header or else from the {@code token}
 * property of the CONNECT auth payload (browsers cannot set headers on a WebSocket), authenticated by the
 * application's manager: a JWT resource server's {@code JwtReactiveAuthenticationManager}, an opaque token
 * introspector's, or the application's own.
 */
public final class BearerTokenCredentials implements SocketCredentials {

	/** The property of the CONNECT auth payload that holds the token. */
	public static final String AUTH_PROPERTY = "token";

	private static final Log logger = LogFactory.getLog(BearerTokenCredentials.class);

	private static final String BEARER = "bearer ";

	private final ReactiveAuthenticationManager authenticationManager;

	/**
	 * @param authenticationManager authenticates a {@link BearerTokenAuthenticationToken}
	 */
	public BearerTokenCredentials(ReactiveAuthenticationManager authenticationManager) {
		this.authenticationManager = authenticationManager;
	}

	@Override
	public Mono<Authentication> authenticate(SocketIOSocket socket) {
		String token = token(socket.handshake());
		if (token == null) {
			return Mono.empty();
		}
		return verify(token, socket);
	}

	/**
	 * @param token a token the socket's client sent
	 * @param socket the socket, for the log
	 * @return its authentication; a {@link ConnectionRefusedException} saying {@code Invalid token} when the token
	 * does not verify; another error when the check itself failed
	 */
	Mono<Authentication> verify(String token, SocketIOSocket socket) {
		return this.authenticationManager.authenticate(new BearerTokenAuthenticationToken(token))
			.onErrorMap(BearerTokenCredentials::rejectsTheToken, (ex) -> {
				logger.debug("Socket " + socket.id() + " refused: " + ex.getMessage());
				return new ConnectionRefusedException("Invalid token");
			})
			.switchIfEmpty(Mono.error(() -> new ConnectionRefusedException("Invalid token")));
	}

	/** The token's fault, not the server's: a key set out of reach fails with an AuthenticationServiceException. */
	private static boolean rejectsTheToken(Throwable ex) {
		return ex instanceof AuthenticationException && !(ex instanceof AuthenticationServiceException);
	}

	static @Nullable String token(Handshake handshake) {
		String header = handshake.header("Authorization");
		if (header != null && header.length() > BEARER.length()
				&& header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return header.substring(BEARER.length()).strip();
		}
		String token = handshake.auth(AUTH_PROPERTY);
		return (token != null && !token.isBlank()) ? token.strip() : null;
	}

}

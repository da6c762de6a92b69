package io.github.springsocketio.security;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.SocketAuthenticator;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;

/**
 * Authenticates each socket with the application's Spring Security: the first of its credential sources that holds
 * credentials decides who the socket is, then the namespace's access rule lets it in or refuses it with a
 * {@code connect_error} saying why.
 *
 * <pre>{@code
 * SocketIOServer.builder()
 *     .authenticator(new SecuritySocketAuthenticator(
 *             List.of(new BearerTokenCredentials(new JwtReactiveAuthenticationManager(jwtDecoder))),
 *             new NamespaceAccessRules(NamespaceAccessRule.AUTHENTICATED, Map.of())))
 *     ...
 * }</pre>
 */
public final class SecuritySocketAuthenticator implements SocketAuthenticator {

	private static final Log logger = LogFactory.getLog(SecuritySocketAuthenticator.class);

	private final List<SocketCredentials> credentials;

	private final NamespaceAccessRules rules;

	private final CredentialsExpiry expiry;

	/**
	 * Disconnects sockets whose credentials end, as {@link CredentialsExpiry#CredentialsExpiry(Duration)} with a
	 * session recheck every minute.
	 * @param credentials where to look for credentials, in order
	 * @param rules who may connect to each namespace
	 */
	public SecuritySocketAuthenticator(List<SocketCredentials> credentials, NamespaceAccessRules rules) {
		this(credentials, rules, new CredentialsExpiry(Duration.ofMinutes(1)));
	}

	/**
	 * @param credentials where to look for credentials, in order
	 * @param rules who may connect to each namespace
	 * @param expiry what happens once a socket's credentials end; {@link CredentialsExpiry#NEVER} for nothing
	 */
	public SecuritySocketAuthenticator(List<SocketCredentials> credentials, NamespaceAccessRules rules,
			CredentialsExpiry expiry) {
		this.credentials = List.copyOf(credentials);
		this.rules = rules;
		this.expiry = expiry;
	}

	@Override
	public Mono<Principal> authenticate(SocketIOSocket socket) {
		NamespaceAccessRule rule = this.rules.ruleOf(socket.namespace().name());
		return Flux.fromIterable(this.credentials)
			.concatMap((source) -> source.authenticate(socket).map((found) -> new Found(source, found)))
			.next()
			.onErrorMap((ex) -> !(ex instanceof ConnectionRefusedException), (ex) -> {
				// not the client's fault (a key set out of reach, say): said in the log, not to the client
				logger.warn("Could not authenticate socket " + socket.id() + " of namespace "
						+ socket.namespace().name() + ": " + ex);
				return new ConnectionRefusedException("Authentication failed");
			})
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				Authentication authentication = found.map(Found::authentication).orElse(null);
				String refusal = rule.refusal(authentication);
				if (refusal != null) {
					return Mono.error(new ConnectionRefusedException(refusal));
				}
				if (found.isEmpty() || !found.get().authentication().isAuthenticated()) {
					return Mono.empty();
				}
				this.expiry.watch(socket, found.get().authentication(), found.get().source(), rule);
				return Mono.just(found.get().authentication());
			});
	}

	/** Credentials found, and where. */
	private record Found(SocketCredentials source, Authentication authentication) {
	}

}

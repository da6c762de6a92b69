package io.github.springsocketio.security;

import java.security.Principal;
import java.util.List;

import io.github.springsocketio.annotation.SocketIOHandlerContext;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Makes the socket's {@link Authentication} what Spring Security sees while a handler runs: in the
 * {@link SecurityContextHolder} of the calling thread for the call, in the Reactor context
 * ({@link ReactiveSecurityContextHolder}) of a {@code Mono} the handler returns. Method security
 * ({@code @PreAuthorize} with {@code @EnableMethodSecurity} or {@code @EnableReactiveMethodSecurity}) then decides on
 * the socket's user. An anonymous socket is an {@link AnonymousAuthenticationToken}, as WebFlux makes one for an
 * anonymous request. The thread's previous context is put back after the call, so nothing passes from one socket to
 * another on a shared thread.
 */
public final class SecurityHandlerContext implements SocketIOHandlerContext {

	private static final String ANONYMOUS_KEY = "socketio";

	private final SecurityContextHolderStrategy strategy;

	/**
	 * @param strategy where the calling thread's context is held: the application's, if it declares one
	 */
	public SecurityHandlerContext(SecurityContextHolderStrategy strategy) {
		this.strategy = strategy;
	}

	/** Uses the {@link SecurityContextHolder}'s strategy. */
	public SecurityHandlerContext() {
		this(SecurityContextHolder.getContextHolderStrategy());
	}

	@Override
	public Scope open(SocketIOSocket socket) {
		Authentication authentication = authentication(socket);
		if (authentication == null) {
			return Scope.NONE;
		}
		SecurityContext previous = this.strategy.getContext();
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(authentication);
		this.strategy.setContext(context);
		return () -> {
			if (previous.getAuthentication() == null) {
				this.strategy.clearContext();
			}
			else {
				this.strategy.setContext(previous);
			}
		};
	}

	@Override
	public <T> Mono<T> propagate(Mono<T> mono, SocketIOSocket socket) {
		Authentication authentication = authentication(socket);
		return (authentication != null)
				? mono.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication)) : mono;
	}

	/**
	 * @return the socket's authentication; an anonymous one without a principal; {@code null} when its principal is
	 * of another kind (from an authenticator of the application's own)
	 */
	private static @Nullable Authentication authentication(SocketIOSocket socket) {
		Principal principal = socket.principal().orElse(null);
		if (principal == null) {
			return new AnonymousAuthenticationToken(ANONYMOUS_KEY, "anonymousUser",
					List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS")));
		}
		return (principal instanceof Authentication authentication) ? authentication : null;
	}

}

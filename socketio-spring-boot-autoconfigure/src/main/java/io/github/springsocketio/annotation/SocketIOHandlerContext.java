package io.github.springsocketio.annotation;

import io.github.springsocketio.server.SocketIOSocket;
import reactor.core.publisher.Mono;

/**
 * Makes something of a socket visible to the code of its handlers while they run, where that code looks for it: on
 * the calling thread for the call itself, and in the Reactor context of the {@code Mono} a handler returns. The
 * socket's Spring Security authentication is one, so that method security sees who called. Every bean of this type
 * applies to every handler call.
 *
 * <pre>{@code
 * @Bean
 * SocketIOHandlerContext tenant() {
 *     return (socket) -> {
 *         TenantHolder.set((String) socket.data().get("tenant"));
 *         return TenantHolder::clear;
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SocketIOHandlerContext {

	/**
	 * Sets the context up on the calling thread, just before a handler is called.
	 * @param socket the socket whose event is handled
	 * @return what undoes it, closed on the same thread once the handler returned (or threw) and the {@code Mono}
	 * or {@code CompletionStage} it returned was subscribed to
	 */
	Scope open(SocketIOSocket socket);

	/**
	 * Puts the context into the Reactor context of a {@code Mono} a handler returned, before it is subscribed to.
	 * @param mono what the handler returned
	 * @param socket the socket whose event is handled
	 * @param <T> the value's type
	 * @return the {@code Mono} to subscribe to; the same one by default
	 */
	default <T> Mono<T> propagate(Mono<T> mono, SocketIOSocket socket) {
		return mono;
	}

	/** Undoes what {@link #open} set up. */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/** Undoes nothing. */
		Scope NONE = () -> {
		};

		@Override
		void close();

	}

}

package io.github.springsocketio.annotation;

import java.util.List;

import io.github.springsocketio.server.SocketIOSocket;
import reactor.core.publisher.Mono;

/**
 * The {@link SocketIOHandlerContext} beans as one: opened in order, closed in reverse order.
 */
final class HandlerContexts {

	static final HandlerContexts NONE = new HandlerContexts(List.of());

	private final SocketIOHandlerContext[] contexts;

	HandlerContexts(List<SocketIOHandlerContext> contexts) {
		this.contexts = contexts.toArray(SocketIOHandlerContext[]::new);
	}

	SocketIOHandlerContext.Scope open(SocketIOSocket socket) {
		if (this.contexts.length == 0) {
			return SocketIOHandlerContext.Scope.NONE;
		}
		if (this.contexts.length == 1) {
			return this.contexts[0].open(socket);
		}
		SocketIOHandlerContext.Scope[] scopes = new SocketIOHandlerContext.Scope[this.contexts.length];
		int opened = 0;
		try {
			for (; opened < scopes.length; opened++) {
				scopes[opened] = this.contexts[opened].open(socket);
			}
		}
		catch (RuntimeException ex) {
			close(scopes, opened);
			throw ex;
		}
		return () -> close(scopes, scopes.length);
	}

	private static void close(SocketIOHandlerContext.Scope[] scopes, int count) {
		for (int i = count - 1; i >= 0; i--) {
			scopes[i].close();
		}
	}

	<T> Mono<T> propagate(Mono<T> mono, SocketIOSocket socket) {
		Mono<T> result = mono;
		for (SocketIOHandlerContext context : this.contexts) {
			result = context.propagate(result, socket);
		}
		return result;
	}

}

package io.github.springsocketio.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Passes each event a socket's client sends through the socket's event middlewares, one after the other, and then,
 * if none refused it and the socket is still connected, to its listeners; a refusal goes to the error listeners.
 */
final class IncomingEvents {

	private final List<EventMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final SocketListeners listeners;

	private final Executor eventLoop;

	private final BooleanSupplier connected;

	/**
	 * @param listeners the socket's listeners
	 * @param eventLoop the connection's event loop, where listeners run after an asynchronous middleware
	 * @param connected whether the socket is still connected
	 */
	IncomingEvents(SocketListeners listeners, Executor eventLoop, BooleanSupplier connected) {
		this.listeners = listeners;
		this.eventLoop = eventLoop;
		this.connected = connected;
	}

	void use(EventMiddleware middleware) {
		this.middlewares.add(middleware);
	}

	/** Called on the event loop, in the order the client's events arrived. */
	void accept(String event, Arguments args, Ack ack) {
		if (this.middlewares.isEmpty()) {
			this.listeners.dispatch(event, args, ack);
			return;
		}
		Flux.fromIterable(this.middlewares)
			.concatMap((middleware) -> Mono.defer(() -> middleware.apply(event, args)))
			.then()
			.subscribe(null, (error) -> this.eventLoop.execute(() -> this.listeners.error(error)),
					() -> this.eventLoop.execute(() -> {
						if (this.connected.getAsBoolean()) {
							this.listeners.dispatch(event, args, ack);
						}
					}));
	}

}

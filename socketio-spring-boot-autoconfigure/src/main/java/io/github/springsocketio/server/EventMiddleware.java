package io.github.springsocketio.server;

import reactor.core.publisher.Mono;

/**
 * Runs before each incoming event of one socket is handled; stops it by failing. The error is reported to the
 * socket's error listeners, and nothing is sent to the client.
 *
 * <pre>{@code
 * socket.use((event, args) -> rateLimiter.tryAcquire() ? Mono.empty() : Mono.error(new IllegalStateException("slow down")));
 * }</pre>
 */
@FunctionalInterface
public interface EventMiddleware {

	/**
	 * @param event the event name
	 * @param args its arguments
	 * @return completes empty to let the event through, fails to stop it
	 */
	Mono<Void> apply(String event, Arguments args);

}

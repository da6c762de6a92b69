package io.github.springsocketio.adapter.redis;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * One Redis connection, opened at its first use (so that a node starts while Redis is down) off the event loops, and
 * kept. A caller that stops waiting, on its timeout, does not abort an opening under way: aborting interrupts the
 * connecting thread, whose failure then reaches nobody and is logged as a dropped error. A failed opening is tried
 * again at the next use.
 */
final class LazyConnection {

	private final ReactiveRedisConnectionFactory factory;

	private @Nullable CompletableFuture<ReactiveRedisConnection> opening;

	private boolean closed;

	LazyConnection(ReactiveRedisConnectionFactory factory) {
		this.factory = factory;
	}

	/** @return the connection, opened by the first subscriber that needs it */
	Mono<ReactiveRedisConnection> get() {
		return Mono.defer(() -> {
			CompletableFuture<ReactiveRedisConnection> current = current();
			return (current != null) ? Mono.fromFuture(current, true)
					: Mono.error(new RedisUnavailableException("Redis connection closed"));
		});
	}

	private synchronized @Nullable CompletableFuture<ReactiveRedisConnection> current() {
		if (this.closed) {
			return null;
		}
		CompletableFuture<ReactiveRedisConnection> current = this.opening;
		if (current == null || current.isCompletedExceptionally()) {
			CompletableFuture<ReactiveRedisConnection> opened = new CompletableFuture<>();
			Schedulers.boundedElastic().schedule(() -> {
				try {
					opened.complete(this.factory.getReactiveConnection());
				}
				catch (RuntimeException ex) {
					opened.completeExceptionally(ex);
				}
			});
			this.opening = opened;
			current = opened;
		}
		return current;
	}

	/**
	 * Closes the connection and opens a new one at the next use: after a command that timed out, whose reply may
	 * still come and would hold up the next command on this connection.
	 */
	void reset() {
		CompletableFuture<ReactiveRedisConnection> current;
		synchronized (this) {
			current = this.opening;
			this.opening = null;
		}
		closeOnceOpen(current);
	}

	/** Closes the connection, also one still being opened (once it is). */
	void close() {
		CompletableFuture<ReactiveRedisConnection> current;
		synchronized (this) {
			this.closed = true;
			current = this.opening;
		}
		closeOnceOpen(current);
	}

	private static void closeOnceOpen(@Nullable CompletableFuture<ReactiveRedisConnection> opening) {
		if (opening != null) {
			opening.thenAccept((connection) -> connection.closeLater().subscribe(null, (ignored) -> {
			}));
		}
	}

}

package io.github.springsocketio.adapter.redis;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Redis connection opened at its first use (so that a node starts while Redis is down) off the event loops, and
 * kept. A caller that stops waiting, on its timeout, does not abort an opening under way: aborting interrupts the
 * connecting thread, whose failure then reaches nobody and is logged as a dropped error. A failed opening is tried
 * again at the next use.
 *
 * @param <C> the connection's type
 */
final class LazilyOpened<C> {

	private final Supplier<C> open;

	private final Function<C, CompletableFuture<?>> close;

	private @Nullable CompletableFuture<C> opening;

	private boolean closed;

	/**
	 * @param open opens the connection, blocking
	 * @param close closes it
	 */
	LazilyOpened(Supplier<C> open, Function<C, CompletableFuture<?>> close) {
		this.open = open;
		this.close = close;
	}

	/** @return the connection, opened by the first subscriber that needs it */
	Mono<C> get() {
		return Mono.defer(() -> {
			CompletableFuture<C> current = current();
			return (current != null) ? Mono.fromFuture(current, true)
					: Mono.error(new RedisUnavailableException("Redis connection closed"));
		});
	}

	/** @return the connection if it is open now, without opening it */
	synchronized @Nullable C ifOpen() {
		CompletableFuture<C> current = this.opening;
		return (current != null && current.isDone() && !current.isCompletedExceptionally()) ? current.join() : null;
	}

	private synchronized @Nullable CompletableFuture<C> current() {
		if (this.closed) {
			return null;
		}
		CompletableFuture<C> current = this.opening;
		if (current == null || current.isCompletedExceptionally()) {
			CompletableFuture<C> opened = new CompletableFuture<>();
			Schedulers.boundedElastic().schedule(() -> {
				try {
					opened.complete(this.open.get());
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
		CompletableFuture<C> current;
		synchronized (this) {
			current = this.opening;
			this.opening = null;
		}
		closeOnceOpen(current);
	}

	/**
	 * Closes the connection, also one still being opened (once it is).
	 * @return completes once closed
	 */
	CompletableFuture<Void> close() {
		CompletableFuture<C> current;
		synchronized (this) {
			this.closed = true;
			current = this.opening;
		}
		return closeOnceOpen(current);
	}

	private CompletableFuture<Void> closeOnceOpen(@Nullable CompletableFuture<C> opening) {
		if (opening == null) {
			return CompletableFuture.completedFuture(null);
		}
		// a connection that never opened has nothing to close
		return opening.thenCompose((connection) -> this.close.apply(connection).thenApply((ignored) -> (Void) null))
			.handle((ignored, error) -> null);
	}

}

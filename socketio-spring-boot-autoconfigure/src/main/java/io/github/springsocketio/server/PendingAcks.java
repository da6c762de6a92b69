package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * The acknowledgements a socket waits for from its client, by ack id: each is settled once, by the answer, its
 * deadline, the socket's disconnection or the caller giving up.
 */
final class PendingAcks {

	/** Made at the first acknowledgement waited for: most sockets never wait for one, and an empty map costs 64 bytes. */
	private volatile @Nullable Map<Long, Pending> acks;

	/** The namespace's gauge of acknowledgements waited for, kept in step with this map. */
	private final AtomicLong namespaceCount;

	private final Timers timers;

	private final Runnable onTimeout;

	/**
	 * @param namespaceCount the namespace's count of pending acknowledgements
	 * @param timers schedules the deadlines (the connection's event loop)
	 * @param onTimeout told of each acknowledgement that missed its deadline
	 */
	PendingAcks(AtomicLong namespaceCount, Timers timers, Runnable onTimeout) {
		this.namespaceCount = namespaceCount;
		this.timers = timers;
		this.onTimeout = onTimeout;
	}

	/**
	 * Waits for an acknowledgement.
	 * @param timeout the deadline, after which {@code onError} gets an {@link AckTimeoutException}; none when
	 * {@code null}
	 */
	void add(long ackId, Consumer<ArrayNode> onAck, Consumer<Throwable> onError, @Nullable Duration timeout) {
		Pending pending = new Pending(onAck, onError);
		acks().put(ackId, pending);
		this.namespaceCount.incrementAndGet();
		if (timeout != null) {
			pending.timer = this.timers.schedule(() -> {
				if (settle(ackId, pending)) {
					this.onTimeout.run();
					onError.accept(new AckTimeoutException("operation has timed out"));
				}
			}, timeout);
		}
	}

	/** Hands the client's answer to whoever waits for it; an unknown or settled id is ignored. */
	void complete(long ackId, ArrayNode values) {
		Pending pending = pending(ackId);
		if (pending != null && settle(ackId, pending)) {
			pending.onAck.accept(values);
		}
	}

	/** Fails one acknowledgement, if it is still pending. */
	void fail(long ackId, Throwable error) {
		Pending pending = pending(ackId);
		if (pending != null && settle(ackId, pending)) {
			pending.onError.accept(error);
		}
	}

	/** Stops waiting for one acknowledgement without telling anyone: whoever waited has gone. */
	void cancel(long ackId) {
		Pending pending = pending(ackId);
		if (pending != null) {
			settle(ackId, pending);
		}
	}

	/** Fails every pending acknowledgement, each with its own error. */
	void failAll(Supplier<? extends Throwable> error) {
		Map<Long, Pending> acks = this.acks;
		if (acks != null) {
			for (Long ackId : acks.keySet()) {
				fail(ackId, error.get());
			}
		}
	}

	/** @return how many acknowledgements are waited for */
	int size() {
		Map<Long, Pending> acks = this.acks;
		return (acks != null) ? acks.size() : 0;
	}

	private Map<Long, Pending> acks() {
		Map<Long, Pending> acks = this.acks;
		if (acks == null) {
			synchronized (this) {
				acks = this.acks;
				if (acks == null) {
					acks = new ConcurrentHashMap<>();
					this.acks = acks;
				}
			}
		}
		return acks;
	}

	private @Nullable Pending pending(long ackId) {
		Map<Long, Pending> acks = this.acks;
		return (acks != null) ? acks.get(ackId) : null;
	}

	/** @return whether this call settled it (and not a concurrent one) */
	private boolean settle(long ackId, Pending pending) {
		if (!acks().remove(ackId, pending)) {
			return false;
		}
		this.namespaceCount.decrementAndGet();
		pending.cancelTimer();
		return true;
	}

	/** Schedules a task after a delay. */
	@FunctionalInterface
	interface Timers {

		ScheduledFuture<?> schedule(Runnable task, Duration delay);

	}

	private static final class Pending {

		final Consumer<ArrayNode> onAck;

		final Consumer<Throwable> onError;

		volatile @Nullable ScheduledFuture<?> timer;

		Pending(Consumer<ArrayNode> onAck, Consumer<Throwable> onError) {
			this.onAck = onAck;
			this.onError = onError;
		}

		void cancelTimer() {
			ScheduledFuture<?> timer = this.timer;
			if (timer != null) {
				timer.cancel(false);
			}
		}

	}

}

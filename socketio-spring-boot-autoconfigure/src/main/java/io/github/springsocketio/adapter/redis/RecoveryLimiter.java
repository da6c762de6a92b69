package io.github.springsocketio.adapter.redis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Bounds how many session recoveries a node runs at once: past the bound they wait in a queue of bounded length, and
 * past the queue they are refused at once, so that the client gets a new session, as it does in the Node.js
 * reference when its session cannot be read.
 */
final class RecoveryLimiter {

	private static final Log logger = LogFactory.getLog(RecoveryLimiter.class);

	private final int maxRunning;

	private final int maxQueued;

	private final Deque<Turn> queue = new ArrayDeque<>();

	private final AtomicLong refused = new AtomicLong();

	private int running;

	/**
	 * @param maxRunning how many recoveries run at once
	 * @param maxQueued how many wait for their turn at most
	 */
	RecoveryLimiter(int maxRunning, int maxQueued) {
		if (maxRunning < 1 || maxQueued < 0) {
			throw new IllegalArgumentException("maxRunning must be positive and maxQueued not negative");
		}
		this.maxRunning = maxRunning;
		this.maxQueued = maxQueued;
	}

	/**
	 * Runs a recovery once it is its turn. Work starts on subscription: the turn is asked for then.
	 * @param recovery the recovery, subscribed to once its turn came
	 * @param <T> what it gives
	 * @return what the recovery gives, or empty when the queue was full
	 */
	<T> Mono<T> run(Supplier<Mono<T>> recovery) {
		return Mono.defer(() -> {
			Turn turn = new Turn();
			return Mono.<Boolean>create((sink) -> enter(turn, sink))
				.flatMap((granted) -> granted ? recovery.get() : Mono.<T>empty())
				.doFinally((signal) -> leave(turn));
		});
	}

	private void enter(Turn turn, MonoSink<Boolean> sink) {
		boolean granted;
		synchronized (this) {
			granted = this.running < this.maxRunning;
			if (granted) {
				this.running++;
				turn.running = true;
			}
			else if (this.queue.size() < this.maxQueued) {
				turn.sink = sink;
				this.queue.addLast(turn);
				return;
			}
		}
		if (!granted) {
			this.refused.incrementAndGet();
			logger.debug("Recovery queue full (" + this.maxQueued + " waiting): the client gets a new session");
		}
		sink.success(granted);
	}

	/** Ends a turn, run or still waiting, and gives the next waiting recovery its turn. */
	private void leave(Turn turn) {
		Turn next = null;
		synchronized (this) {
			if (!turn.running) {
				this.queue.remove(turn);
				return;
			}
			turn.running = false;
			next = this.queue.pollFirst();
			if (next == null) {
				this.running--;
				return;
			}
			next.running = true;
		}
		MonoSink<Boolean> sink = next.sink;
		if (sink != null) {
			// not on this stack: a queue of recoveries failing at once (Redis down) must not recurse through it
			Schedulers.parallel().schedule(() -> sink.success(true));
		}
	}

	/** @return how many recoveries run now */
	synchronized int running() {
		return this.running;
	}

	/** @return how many recoveries wait now */
	synchronized int queued() {
		return this.queue.size();
	}

	/** @return how many recoveries were refused since the start */
	long refused() {
		return this.refused.get();
	}

	/** One recovery's place: waiting in the queue, or running. */
	private static final class Turn {

		private boolean running;

		private @Nullable MonoSink<Boolean> sink;

	}

}

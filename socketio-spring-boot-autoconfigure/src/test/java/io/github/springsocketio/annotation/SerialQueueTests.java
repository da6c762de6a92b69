package io.github.springsocketio.annotation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One socket's handler calls run one at a time, in the order they were submitted, each on its own executor.
 */
class SerialQueueTests {

	private final ManualExecutor worker = new ManualExecutor();

	private final ManualExecutor eventLoop = new ManualExecutor();

	private final List<String> ran = new ArrayList<>();

	@Test
	void aBlockingCallRunsOnTheWorker() {
		SerialQueue queue = new SerialQueue(this.worker, this.eventLoop, 4);
		assertThat(queue.submit(record("a"), false, false)).isTrue();
		assertThat(this.ran).isEmpty();
		this.worker.runNext();
		assertThat(this.ran).containsExactly("a");
		assertThat(this.eventLoop.pending()).isZero();
	}

	@Test
	void aReactiveCallOnAnIdleQueueRunsAtOnceWithoutAHop() {
		SerialQueue queue = new SerialQueue(this.worker, this.eventLoop, 4);
		queue.submit(record("a"), true, false);
		assertThat(this.ran).containsExactly("a");
		assertThat(this.eventLoop.pending()).isZero();
		assertThat(this.worker.pending()).isZero();
	}

	@Test
	void callsRunOneAtATimeInTheOrderTheyWereSubmitted() {
		SerialQueue queue = new SerialQueue(this.worker, this.eventLoop, 4);
		queue.submit(record("a"), false, false);
		queue.submit(record("b"), true, false);
		queue.submit(record("c"), false, false);
		assertThat(this.worker.pending()).isOne();
		assertThat(this.eventLoop.pending()).isZero();

		this.worker.runNext();
		assertThat(this.ran).containsExactly("a");
		assertThat(this.worker.pending()).isZero();
		assertThat(this.eventLoop.pending()).isOne();

		this.eventLoop.runNext();
		assertThat(this.ran).containsExactly("a", "b");
		assertThat(this.worker.pending()).isOne();

		this.worker.runNext();
		assertThat(this.ran).containsExactly("a", "b", "c");
		assertThat(this.worker.pending()).isZero();
		assertThat(this.eventLoop.pending()).isZero();
	}

	@Test
	void aFullQueueRefusesCallsUnlessForced() {
		SerialQueue queue = new SerialQueue(this.worker, this.eventLoop, 1);
		assertThat(queue.submit(record("running"), false, false)).isTrue();
		assertThat(queue.submit(record("waiting"), false, false)).isTrue();
		assertThat(queue.submit(record("refused"), false, false)).isFalse();
		assertThat(queue.submit(record("disconnect"), false, true)).isTrue();
		drain();
		assertThat(this.ran).containsExactly("running", "waiting", "disconnect");
	}

	@Test
	void aCallThatThrowsDoesNotWedgeTheQueue() {
		SerialQueue queue = new SerialQueue(this.worker, this.eventLoop, 4);
		queue.submit(() -> {
			throw new IllegalStateException("handler failed");
		}, false, false);
		queue.submit(record("after"), false, false);
		drain();
		assertThat(this.ran).containsExactly("after");
		queue.submit(record("later"), true, false);
		assertThat(this.ran).containsExactly("after", "later");
	}

	@Test
	void aShutDownExecutorDropsTheWaitingCallsAndFreesTheQueue() {
		SerialQueue queue = new SerialQueue((task) -> {
			throw new RejectedExecutionException("shut down");
		}, this.eventLoop, 4);
		assertThat(queue.submit(record("dropped"), false, false)).isTrue();
		queue.submit(record("next"), true, false);
		assertThat(this.ran).containsExactly("next");
	}

	@Test
	void anIdleQueueAcceptsNewCallsAfterDraining() {
		SerialQueue queue = new SerialQueue(this.worker, this.eventLoop, 1);
		queue.submit(record("a"), false, false);
		queue.submit(record("b"), false, false);
		drain();
		assertThat(queue.submit(record("c"), false, false)).isTrue();
		assertThat(queue.submit(record("d"), false, false)).isTrue();
		drain();
		assertThat(this.ran).containsExactly("a", "b", "c", "d");
	}

	private Runnable record(String name) {
		return () -> this.ran.add(name);
	}

	private void drain() {
		while (this.worker.pending() + this.eventLoop.pending() > 0) {
			if (this.worker.pending() > 0) {
				this.worker.runNext();
			}
			if (this.eventLoop.pending() > 0) {
				this.eventLoop.runNext();
			}
		}
	}

	/** Runs what it is given only when told, so each test decides when a call happens. */
	private static final class ManualExecutor implements Executor {

		private final Queue<Runnable> tasks = new ArrayDeque<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		int pending() {
			return this.tasks.size();
		}

		void runNext() {
			Runnable task = this.tasks.poll();
			assertThat(task).as("a queued task").isNotNull();
			task.run();
		}

	}

}

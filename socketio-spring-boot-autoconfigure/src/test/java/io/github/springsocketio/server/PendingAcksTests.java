package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acknowledgements a socket waits for: each is settled once, by the answer, its deadline, the socket's
 * disconnection or the caller giving up, and the namespace's count follows.
 */
class PendingAcksTests {

	private static final Duration DEADLINE = Duration.ofSeconds(5);

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

	/** Deadlines run when the test says so; their futures are real, to see them cancelled. */
	private final List<Runnable> deadlines = new ArrayList<>();

	private final List<ScheduledFuture<?>> timers = new ArrayList<>();

	private final AtomicLong namespaceCount = new AtomicLong();

	private final AtomicInteger timeouts = new AtomicInteger();

	private final PendingAcks acks = new PendingAcks(this.namespaceCount, (task, delay) -> {
		this.deadlines.add(task);
		ScheduledFuture<?> timer = this.executor.schedule(() -> {
		}, 1, TimeUnit.HOURS);
		this.timers.add(timer);
		return timer;
	}, this.timeouts::incrementAndGet);

	private final List<ArrayNode> answers = new ArrayList<>();

	private final List<Throwable> errors = new ArrayList<>();

	@AfterEach
	void stopTimers() {
		this.executor.shutdownNow();
	}

	@Test
	void theAnswerReachesWhoeverWaitsForItOnce() {
		this.acks.add(1, this.answers::add, this.errors::add, null);
		assertThat(this.namespaceCount).hasValue(1);

		this.acks.complete(1, values("yes"));
		this.acks.complete(1, values("again"));

		assertThat(this.answers).containsExactly(values("yes"));
		assertThat(this.errors).isEmpty();
		assertThat(this.acks.size()).isZero();
		assertThat(this.namespaceCount).hasValue(0);
	}

	@Test
	void anAnswerNobodyWaitsForIsIgnored() {
		this.acks.add(1, this.answers::add, this.errors::add, null);

		this.acks.complete(2, values("stray"));

		assertThat(this.answers).isEmpty();
		assertThat(this.namespaceCount).hasValue(1);
	}

	@Test
	void theDeadlineFailsItWithAnAckTimeoutAndCountsTheTimeout() {
		this.acks.add(1, this.answers::add, this.errors::add, DEADLINE);

		this.deadlines.get(0).run();
		this.acks.complete(1, values("too late"));

		assertThat(this.errors).singleElement().isInstanceOf(AckTimeoutException.class);
		assertThat(this.answers).isEmpty();
		assertThat(this.timeouts).hasValue(1);
		assertThat(this.namespaceCount).hasValue(0);
	}

	@Test
	void anAnswerInTimeCancelsTheDeadline() {
		this.acks.add(1, this.answers::add, this.errors::add, DEADLINE);

		this.acks.complete(1, values("in time"));
		this.deadlines.get(0).run();

		assertThat(this.timers.get(0).isCancelled()).isTrue();
		assertThat(this.errors).isEmpty();
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void withoutATimeoutNoDeadlineIsScheduled() {
		this.acks.add(1, this.answers::add, this.errors::add, null);

		assertThat(this.deadlines).isEmpty();
	}

	@Test
	void failAllFailsEveryPendingOneWithItsOwnErrorAndCancelsTheirDeadlines() {
		this.acks.add(1, this.answers::add, this.errors::add, DEADLINE);
		this.acks.add(2, this.answers::add, this.errors::add, null);

		this.acks.failAll(() -> new SocketDisconnectedException("gone"));

		assertThat(this.errors).hasSize(2).allMatch(SocketDisconnectedException.class::isInstance);
		assertThat(this.errors.get(0)).isNotSameAs(this.errors.get(1));
		assertThat(this.timers.get(0).isCancelled()).isTrue();
		assertThat(this.namespaceCount).hasValue(0);
	}

	@Test
	void failSettlesOnlyThatOne() {
		this.acks.add(1, this.answers::add, this.errors::add, null);
		this.acks.add(2, this.answers::add, this.errors::add, null);

		this.acks.fail(1, new SocketDisconnectedException("gone"));
		this.acks.complete(2, values("still answered"));

		assertThat(this.errors).hasSize(1);
		assertThat(this.answers).containsExactly(values("still answered"));
	}

	@Test
	void cancelForgetsItWithoutTellingAnyone() {
		this.acks.add(1, this.answers::add, this.errors::add, DEADLINE);

		this.acks.cancel(1);
		this.acks.complete(1, values("nobody listens"));

		assertThat(this.answers).isEmpty();
		assertThat(this.errors).isEmpty();
		assertThat(this.timers.get(0).isCancelled()).isTrue();
		assertThat(this.namespaceCount).hasValue(0);
	}

	private static ArrayNode values(String value) {
		return JsonNodeFactory.instance.arrayNode().add(value);
	}

}

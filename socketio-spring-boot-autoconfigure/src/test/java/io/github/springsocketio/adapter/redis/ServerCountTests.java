package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServerCountTests {

	private final ServerCount serverCount = new ServerCount();

	@AfterEach
	void stop() {
		this.serverCount.stop();
	}

	@Test
	void countsThisNodeBeforeTheFirstCountAnswers() {
		this.serverCount.start(Duration.ofMillis(10), (tick) -> true, Mono::never);
		assertThat(this.serverCount.get()).isEqualTo(1);
	}

	@Test
	void followsWhatTheCounterSays() {
		AtomicLong nodes = new AtomicLong(3);
		this.serverCount.start(Duration.ofMillis(10), (tick) -> true, () -> Mono.fromSupplier(nodes::get));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverCount.get() == 3);
		nodes.set(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverCount.get() == 2);
	}

	@Test
	void neverCountsFewerThanThisNode() {
		AtomicInteger calls = new AtomicInteger();
		this.serverCount.start(Duration.ofMillis(10), (tick) -> true,
				() -> Mono.fromSupplier(() -> (calls.incrementAndGet() == 1) ? 3L : 0L));
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > 2);
		assertThat(this.serverCount.get()).isEqualTo(1);
	}

	@Test
	void aFailedCountKeepsTheLastOneAndCountingGoesOn() {
		AtomicInteger calls = new AtomicInteger();
		this.serverCount.start(Duration.ofMillis(10), (tick) -> true,
				() -> (calls.incrementAndGet() == 1) ? Mono.just(4L) : Mono.error(new IllegalStateException("down")));
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > 3);
		assertThat(this.serverCount.get()).isEqualTo(4);
	}

	@Test
	void countsOnlyOnTheTicksChosen() {
		AtomicInteger calls = new AtomicInteger();
		this.serverCount.start(Duration.ofMillis(10), (tick) -> tick % 5 == 0,
				() -> Mono.fromSupplier(() -> (long) calls.incrementAndGet()));
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
		long started = System.nanoTime();
		int before = calls.get();
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= before + 2);
		// two counts take at least nine ticks of 10 ms when only every fifth tick counts
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	@Test
	void startingTwiceKeepsTheFirstCounter() {
		this.serverCount.start(Duration.ofMillis(10), (tick) -> true, () -> Mono.just(5L));
		this.serverCount.start(Duration.ofMillis(10), (tick) -> true, () -> Mono.just(7L));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverCount.get() == 5);
		assertThat(this.serverCount.get()).isEqualTo(5);
	}

}

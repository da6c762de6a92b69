package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The bound on recoveries at once: past it they wait their turn in a bounded queue, past the queue they are refused
 * (the client gets a new session), and a recovery that ends or is abandoned gives its place to the next.
 */
class RecoveryLimiterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<Sinks.One<String>> started = new ArrayList<>();

	/** A recovery that runs until the test completes it. */
	private Mono<String> recovery() {
		return Mono.defer(() -> {
			Sinks.One<String> sink = Sinks.one();
			synchronized (this.started) {
				this.started.add(sink);
			}
			return sink.asMono();
		});
	}

	private int startedCount() {
		synchronized (this.started) {
			return this.started.size();
		}
	}

	@Test
	void pastTheBoundRecoveriesWaitAndPastTheQueueTheyAreRefusedAtOnce() {
		RecoveryLimiter limiter = new RecoveryLimiter(2, 1);
		List<Optional<String>> results = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			limiter.run(this::recovery).map(Optional::of).subscribe(results::add);
		}

		Optional<String> refused = limiter.run(this::recovery).map(Optional::of).defaultIfEmpty(Optional.empty())
			.block(TIMEOUT);

		assertThat(refused).isEmpty();
		assertThat(limiter.refused()).isOne();
		assertThat(startedCount()).isEqualTo(2);
		assertThat(limiter.running()).isEqualTo(2);
		assertThat(limiter.queued()).isOne();

		this.started.get(0).tryEmitValue("first");
		await().atMost(TIMEOUT).until(() -> startedCount() == 3);
		assertThat(limiter.queued()).isZero();
		this.started.get(1).tryEmitValue("second");
		this.started.get(2).tryEmitValue("third");
		await().atMost(TIMEOUT).until(() -> limiter.running() == 0);
		assertThat(results).containsExactly(Optional.of("first"), Optional.of("second"), Optional.of("third"));
	}

	@Test
	void aRecoveryThatFailsOrIsAbandonedGivesItsPlaceToTheNext() {
		RecoveryLimiter limiter = new RecoveryLimiter(1, 2);
		limiter.run(this::recovery).subscribe(null, (error) -> {
		});
		Disposable abandoned = limiter.run(this::recovery).subscribe();
		List<String> third = new CopyOnWriteArrayList<>();
		limiter.run(this::recovery).subscribe(third::add);
		assertThat(limiter.queued()).isEqualTo(2);

		abandoned.dispose();
		assertThat(limiter.queued()).as("an abandoned recovery leaves the queue").isOne();
		this.started.get(0).tryEmitError(new IllegalStateException("Redis down"));

		await().atMost(TIMEOUT).until(() -> startedCount() == 2);
		this.started.get(1).tryEmitValue("third");
		await().atMost(TIMEOUT).until(() -> limiter.running() == 0);
		assertThat(third).containsExactly("third");
	}

	@Test
	void aQueueOfRecoveriesEndingAtOnceDoesNotRecurseThroughTheStack() {
		RecoveryLimiter limiter = new RecoveryLimiter(1, 100_000);
		Sinks.One<String> first = Sinks.one();
		limiter.run(first::asMono).subscribe();
		List<Mono<String>> failing = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			failing.add(limiter.run(() -> Mono.<String>error(new IllegalStateException("Redis down")))
				.onErrorResume((ex) -> Mono.just("failed")));
		}
		failing.forEach(Mono::subscribe);

		first.tryEmitValue("done");

		await().atMost(Duration.ofSeconds(30)).until(() -> limiter.running() == 0 && limiter.queued() == 0);
	}

	@Test
	void impossibleBoundsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecoveryLimiter(0, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new RecoveryLimiter(1, -1));
	}

}

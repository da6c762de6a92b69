package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How many nodes the cluster has, as last counted: counted in the background so that reading it (a health probe
 * does, and every request to the other nodes) costs no Redis round trip. A count that fails keeps the last one.
 */
final class ServerCount {

	private volatile int count = 1;

	private @Nullable Disposable refresh;

	/**
	 * Starts counting, once; later calls do nothing.
	 * @param period how often a tick comes
	 * @param counts which ticks count (by their number from 0)
	 * @param counter counts the nodes, with Redis
	 */
	synchronized void start(Duration period, LongPredicate counts, Supplier<Mono<Long>> counter) {
		if (this.refresh == null) {
			this.refresh = Flux.interval(Duration.ZERO, period)
				.onBackpressureDrop()
				.filter(counts::test)
				.concatMap((tick) -> counter.get().onErrorResume((error) -> Mono.empty()))
				.subscribe((nodes) -> this.count = (int) Math.max(nodes, 1));
		}
	}

	/** @return the nodes counted last, this one at least */
	int get() {
		return this.count;
	}

	synchronized void stop() {
		if (this.refresh != null) {
			this.refresh.dispose();
		}
	}

}

package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.adapter.ClusterObserverChain;
import io.github.springsocketio.adapter.ClusterStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The node-wide state every Redis adapter type shares, as metrics, health and the endpoint read it: whether Redis
 * answers, how many nodes the cluster has, the observers of its traffic; and closing once. Each adapter factory adds
 * its own connections and says how it counts the nodes.
 */
abstract class RedisNode implements ClusterStatus, AutoCloseable {

	private static final Duration SERVER_COUNT_REFRESH = Duration.ofSeconds(10);

	/** How often Redis is probed while it does not answer, where no read loop notices its return. */
	private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

	private final String type;

	private final RedisAvailability availability;

	private final ServerCount serverCount = new ServerCount();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile ClusterObserver observer = ClusterObserver.NONE;

	RedisNode(String type, RedisAvailability availability) {
		this.type = type;
		this.availability = availability;
	}

	final RedisAvailability availability() {
		return this.availability;
	}

	/**
	 * Starts counting the nodes every 10 s, once.
	 * @param counter counts them with Redis
	 * @param probing whether to count every second while Redis does not answer, for a transport without a read loop
	 * that would notice its return
	 */
	final void startCountingServers(Supplier<Mono<Long>> counter, boolean probing) {
		if (probing) {
			long every = SERVER_COUNT_REFRESH.toMillis() / PROBE_PERIOD.toMillis();
			this.serverCount.start(PROBE_PERIOD, (tick) -> tick % every == 0 || !this.availability.isAvailable(),
					counter);
		}
		else {
			this.serverCount.start(SERVER_COUNT_REFRESH, (tick) -> true, counter);
		}
	}

	final ClusterObserver observer() {
		return this.observer;
	}

	@Override
	public final synchronized void observe(ClusterObserver observer) {
		this.observer = ClusterObserverChain.append(this.observer, Objects.requireNonNull(observer, "observer"));
	}

	@Override
	public final String type() {
		return this.type;
	}

	/** The subscribers of the main namespace's channel when last counted. */
	@Override
	public final int serverCount() {
		return this.serverCount.get();
	}

	@Override
	public final boolean isAvailable() {
		return this.availability.isAvailable();
	}

	@Override
	public final long unavailableSince() {
		return this.availability.unavailableSince();
	}

	@Override
	public final long errorCount() {
		return this.availability.errorCount();
	}

	/** PUB/SUB has no log to fall behind on. */
	@Override
	public long readLagMillis() {
		return 0;
	}

	/** PUB/SUB has no log. */
	@Override
	public Map<String, @Nullable String> lastReadIds() {
		return Map.of();
	}

	/**
	 * Stops counting and closes the connections, once: a graceful stop calls it while Redis still runs, and the
	 * application context again when it is destroyed.
	 */
	@Override
	public final void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.serverCount.stop();
			closeConnections();
		}
	}

	/** Ends the subscriptions and reads, and closes the connections. */
	abstract void closeConnections();

}

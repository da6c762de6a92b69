package io.github.springsocketio.metrics;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.adapter.ClusterStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code socketio.adapter.*} meters of any cluster adapter: tagged with its type, reading its state, and counting
 * the traffic it reports once bound.
 */
class ClusterMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FakeStatus status = new FakeStatus();

	@Test
	void theMetersAreTaggedWithTheAdaptersTypeAndReadItsState() {
		new ClusterMetrics(this.status).bindTo(this.registry);

		assertThat(this.registry.get("socketio.adapter.nodes").tag("adapter", "sharded-pubsub").gauge().value())
			.isEqualTo(3);
		assertThat(this.registry.get("socketio.adapter.read.lag").tag("adapter", "sharded-pubsub").timeGauge()
			.value(TimeUnit.MILLISECONDS)).isEqualTo(42);
		assertThat(this.registry.get("socketio.adapter.errors").tag("adapter", "sharded-pubsub").functionCounter()
			.count()).isEqualTo(7);
	}

	@Test
	void onceBoundTheMetersObserveTheAdaptersTraffic() {
		new ClusterMetrics(this.status).bindTo(this.registry);

		this.status.observer.published(ClusterMessageType.BROADCAST, 1_000_000, true);
		this.status.observer.published(ClusterMessageType.BROADCAST, 1_000_000, false);
		this.status.observer.received(ClusterMessageType.SOCKETS_JOIN);
		this.status.observer.requestTimedOut(ClusterMessageType.FETCH_SOCKETS);

		assertThat(counter("socketio.adapter.messages.published", "BROADCAST")).isEqualTo(1);
		assertThat(counter("socketio.adapter.messages.received", "SOCKETS_JOIN")).isEqualTo(1);
		assertThat(counter("socketio.adapter.requests.timeouts", "FETCH_SOCKETS")).isEqualTo(1);
		assertThat(this.registry.get("socketio.adapter.publish").tags("adapter", "sharded-pubsub", "outcome", "failure")
			.timer().count()).isEqualTo(1);
	}

	private double counter(String name, String type) {
		return this.registry.get(name).tags("adapter", "sharded-pubsub", "type", type).counter().count();
	}

	/** A cluster adapter of another type than Redis Streams. */
	private static final class FakeStatus implements ClusterStatus {

		ClusterObserver observer = ClusterObserver.NONE;

		@Override
		public String type() {
			return "sharded-pubsub";
		}

		@Override
		public int serverCount() {
			return 3;
		}

		@Override
		public long readLagMillis() {
			return 42;
		}

		@Override
		public boolean isAvailable() {
			return true;
		}

		@Override
		public long unavailableSince() {
			return 0;
		}

		@Override
		public long errorCount() {
			return 7;
		}

		@Override
		public Map<String, @Nullable String> lastReadIds() {
			return Map.of();
		}

		@Override
		public void observe(ClusterObserver observer) {
			this.observer = observer;
		}

	}

}

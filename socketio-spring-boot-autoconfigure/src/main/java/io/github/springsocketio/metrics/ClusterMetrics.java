package io.github.springsocketio.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.adapter.ClusterStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code socketio.adapter.*} meters of a cluster adapter, tagged with its type (e.g.
 * {@code adapter=redis-streams}).
 */
public final class ClusterMetrics implements MeterBinder, ClusterObserver {

	private final ClusterStatus cluster;

	private final String adapter;

	private final Map<ClusterMessageType, Counter> published = new EnumMap<>(ClusterMessageType.class);

	private final Map<ClusterMessageType, Counter> received = new EnumMap<>(ClusterMessageType.class);

	private final Map<ClusterMessageType, Counter> timeouts = new EnumMap<>(ClusterMessageType.class);

	// set when bound, before this observer is installed
	private Timer publishSuccess;

	private Timer publishFailure;

	/**
	 * @param cluster the node's side of the cluster adapter; observed once these meters are bound
	 */
	public ClusterMetrics(ClusterStatus cluster) {
		this.cluster = cluster;
		this.adapter = cluster.type();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ClusterMessageType type : ClusterMessageType.values()) {
			this.published.put(type, Counter.builder("socketio.adapter.messages.published")
				.description("Messages published to the other nodes")
				.tag("adapter", this.adapter)
				.tag("type", type.name())
				.register(registry));
			this.received.put(type, Counter.builder("socketio.adapter.messages.received")
				.description("Messages from other nodes handled")
				.tag("adapter", this.adapter)
				.tag("type", type.name())
				.register(registry));
			this.timeouts.put(type, Counter.builder("socketio.adapter.requests.timeouts")
				.description("Requests to the other nodes that did not get every response in time")
				.tag("adapter", this.adapter)
				.tag("type", type.name())
				.register(registry));
		}
		this.publishSuccess = publish(registry, "success");
		this.publishFailure = publish(registry, "failure");
		Gauge.builder("socketio.adapter.nodes", this.cluster, ClusterStatus::serverCount)
			.description("Server nodes in the cluster, this one included, when last counted")
			.tag("adapter", this.adapter)
			.register(registry);
		TimeGauge.builder("socketio.adapter.read.lag", this.cluster, TimeUnit.MILLISECONDS,
				ClusterStatus::readLagMillis)
			.description("From the creation of the last stream entry read to its reading")
			.tag("adapter", this.adapter)
			.register(registry);
		FunctionCounter.builder("socketio.adapter.errors", this.cluster, ClusterStatus::errorCount)
			.description("Failed Redis commands and reads")
			.tag("adapter", this.adapter)
			.register(registry);
		this.cluster.observe(this);
	}

	private Timer publish(MeterRegistry registry, String outcome) {
		return Timer.builder("socketio.adapter.publish")
			.description("Time to publish a message to Redis")
			.tag("adapter", this.adapter)
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void published(ClusterMessageType type, long nanos, boolean success) {
		if (success) {
			this.published.get(type).increment();
			this.publishSuccess.record(nanos, TimeUnit.NANOSECONDS);
		}
		else {
			this.publishFailure.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void received(ClusterMessageType type) {
		this.received.get(type).increment();
	}

	@Override
	public void requestTimedOut(ClusterMessageType type) {
		this.timeouts.get(type).increment();
	}

}

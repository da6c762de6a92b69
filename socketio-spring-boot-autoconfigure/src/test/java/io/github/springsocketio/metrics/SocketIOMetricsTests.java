package io.github.springsocketio.metrics;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.server.Limit;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code socketio.*} meters: each limit has its counter from the start, tagged by the limit's name, so that a
 * dashboard shows zero rather than nothing.
 */
class SocketIOMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SocketIOMetrics metrics = new SocketIOMetrics(
			SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build());

	@Test
	void everyLimitIsCountedUnderItsName() {
		this.metrics.bindTo(this.registry);

		this.metrics.limitExceeded(Limit.ROOMS_PER_SOCKET);
		this.metrics.limitExceeded(Limit.ROOMS_PER_SOCKET);
		this.metrics.limitExceeded(Limit.JSON_NESTING_DEPTH);

		assertThat(this.registry.find("socketio.limits.exceeded").counters()).hasSize(Limit.values().length);
		assertThat(count("rooms-per-socket")).isEqualTo(2);
		assertThat(count("json-nesting-depth")).isEqualTo(1);
		assertThat(count("dynamic-namespaces")).isZero();
	}

	private double count(String limit) {
		return this.registry.get("socketio.limits.exceeded").tag("limit", limit).counter().count();
	}

}

package io.github.springsocketio.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisNodeTests {

	private final AtomicInteger closes = new AtomicInteger();

	private final RedisNode node = new RedisNode("redis-test", new RedisAvailability("127.0.0.1:6379")) {

		@Override
		void closeConnections() {
			RedisNodeTests.this.closes.incrementAndGet();
		}

	};

	@Test
	void reportsItsTypeAndOneNodeBeforeCounting() {
		assertThat(this.node.type()).isEqualTo("redis-test");
		assertThat(this.node.serverCount()).isEqualTo(1);
		assertThat(this.node.readLagMillis()).isZero();
		assertThat(this.node.lastReadIds()).isEmpty();
	}

	@Test
	void answersForRedisAsItsAvailabilitySawIt() {
		assertThat(this.node.isAvailable()).isTrue();
		assertThat(this.node.unavailableSince()).isZero();

		this.node.availability().failed(new IllegalStateException("Connection refused"));

		assertThat(this.node.isAvailable()).isFalse();
		assertThat(this.node.unavailableSince()).isPositive();
		assertThat(this.node.errorCount()).isEqualTo(1);
	}

	@Test
	void closesItsConnectionsOnceHoweverOftenItIsClosed() {
		this.node.close();
		this.node.close();

		assertThat(this.closes).hasValue(1);
	}

	@Test
	void everyObserverAddedSeesTheTraffic() {
		List<String> seen = new ArrayList<>();
		this.node.observe(new Named("meters", seen));
		this.node.observe(new Named("application", seen));

		this.node.observer().received(ClusterMessageType.BROADCAST);

		assertThat(seen).containsExactly("meters", "application");
	}

	private record Named(String name, List<String> seen) implements ClusterObserver {

		@Override
		public void received(ClusterMessageType type) {
			this.seen.add(this.name);
		}

	}

}

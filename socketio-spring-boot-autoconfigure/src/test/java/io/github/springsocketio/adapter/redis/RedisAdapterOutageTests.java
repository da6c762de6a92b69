package io.github.springsocketio.adapter.redis;

import java.time.Duration;

import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis crashing under two Java nodes of the PUB/SUB adapter, on a Redis of the test's own that it kills and starts
 * again, empty, on the same port: each node keeps serving its own clients, notices Redis is back without a read loop
 * to tell it, and the cluster works again.
 */
class RedisAdapterOutageTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	private final RedisAdapterOptions options = RedisAdapterOptions.builder()
		.key(TestRedis.uniqueName("sio-classic"))
		.requestTimeout(Duration.ofSeconds(2))
		.build();

	@Test
	void broadcastsGoOnLocallyWhileRedisIsDownAndAcrossTheClusterOnceItIsBack() {
		ClusterNode a = this.resources.add(ClusterNode.startPubSub("a", this.redis, this.options));
		ClusterNode b = this.resources.add(ClusterNode.startPubSub("b", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT)
			.until(() -> a.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		a.server().emit("before");
		onB.await("before");

		this.redis.kill();
		a.server().emit("during");
		onA.await("during");
		Awaitility.await("the outage noticed").atMost(TIMEOUT).until(() -> !a.pubSub().isAvailable());
		assertThat(a.pubSub().unavailableSince()).isPositive();

		this.redis.restart();
		Awaitility.await("Redis seen back by both nodes").atMost(TIMEOUT)
			.until(() -> a.pubSub().isAvailable() && b.pubSub().isAvailable());
		Awaitility.await("both nodes subscribed again").atMost(TIMEOUT)
			.until(() -> a.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		Awaitility.await("a broadcast crosses the cluster again").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
			.until(() -> {
				b.server().emit("after");
				return !onA.events("after").isEmpty();
			});
		assertThat(onB.events("during")).as("PUB/SUB keeps nothing for later").isEmpty();
		assertThat(onA.events("during")).hasSize(1);
	}

}

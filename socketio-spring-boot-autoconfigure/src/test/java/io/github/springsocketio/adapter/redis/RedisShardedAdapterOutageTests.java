package io.github.springsocketio.adapter.redis;

import java.time.Duration;

import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis crashing under two Java nodes of the sharded adapter, on a Redis of the test's own that it kills and starts
 * again, empty, on the same port: each node keeps serving its own clients, its Lettuce connections reconnect and
 * subscribe their channels again (room channels included), and the cluster works again. A node started while Redis
 * is down joins the cluster once Redis is up.
 */
class RedisShardedAdapterOutageTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	private final RedisShardedAdapterOptions options = RedisShardedAdapterOptions.builder()
		.channelPrefix(TestRedis.uniqueName("sio-sharded"))
		.requestTimeout(Duration.ofSeconds(2))
		.build();

	@Test
	void broadcastsGoOnLocallyWhileRedisIsDownAndAcrossTheClusterOnceItIsBack() {
		ClusterNode a = this.resources.add(ClusterNode.startSharded("a", this.redis, this.options));
		ClusterNode b = this.resources.add(ClusterNode.startSharded("b", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));
		onB.call("join", "room1");
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT)
			.until(() -> a.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		a.server().to("room1").emit("before");
		onB.await("before");

		this.redis.kill();
		a.server().emit("during");
		onA.await("during");
		Awaitility.await("the outage noticed").atMost(TIMEOUT).until(() -> !a.sharded().isAvailable());
		assertThat(a.sharded().unavailableSince()).isPositive();

		this.redis.restart();
		Awaitility.await("Redis seen back by both nodes").atMost(TIMEOUT)
			.until(() -> a.sharded().isAvailable() && b.sharded().isAvailable());
		Awaitility.await("both nodes subscribed again").atMost(TIMEOUT)
			.until(() -> a.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		// the room's channel too: a broadcast to the room reaches its member on the other node
		Awaitility.await("a room broadcast crosses the cluster again").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				a.server().to("room1").emit("after");
				return !onB.events("after").isEmpty();
			});
		assertThat(onB.events("during")).as("PUB/SUB keeps nothing for later").isEmpty();
		assertThat(onA.events("during")).hasSize(1);
	}

	@Test
	void aNodeStartedWhileRedisIsDownJoinsTheClusterOnceRedisIsUp() {
		this.redis.kill();
		ClusterNode a = this.resources.add(ClusterNode.startSharded("a", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		a.server().emit("alone");
		onA.await("alone");

		this.redis.restart();
		ClusterNode b = this.resources.add(ClusterNode.startSharded("b", this.redis, this.options));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT)
			.until(() -> b.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		Awaitility.await("a broadcast crosses the cluster").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
			.until(() -> {
				a.server().emit("together");
				return !onB.events("together").isEmpty();
			});
	}

}

package io.github.springsocketio.actuate;

import java.time.Duration;

import io.github.springsocketio.adapter.redis.ClusterNode;
import io.github.springsocketio.testing.Resources;
import io.github.springsocketio.adapter.redis.TestRedis;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code socketio} health on a node of the Redis Streams adapter: UP while Redis answers, DOWN once a real
 * Redis has been gone for longer than the threshold (even on a node that only reads the stream), UP again when it is
 * back, and OUT_OF_SERVICE while the server shuts down.
 */
class SocketIOHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	private final RedisStreamsAdapterOptions options = TestRedis.options()
		.blockTime(Duration.ofMillis(500))
		.requestTimeout(Duration.ofSeconds(1))
		.build();

	@Test
	void downWhenRedisIsGonePastTheThresholdAndUpWhenItIsBack() {
		ClusterNode node = this.resources.add(ClusterNode.start("a", this.redis, this.options));
		SocketIOHealthIndicator health = new SocketIOHealthIndicator(node.server(), "a", node.adapters(),
				Duration.ofSeconds(1));
		assertThat(health(health).getStatus()).isEqualTo(Status.UP);
		assertThat(health(health).getDetails()).containsEntry("adapter", "redis-streams").containsEntry("redis",
				"available").containsEntry("redisTopology", "standalone");

		this.redis.kill();
		Awaitility.await("DOWN after the threshold").atMost(TIMEOUT)
			.until(() -> health(health).getStatus().equals(Status.DOWN));
		assertThat(health(health).getDetails()).containsEntry("redis", "unavailable").containsKey("redisUnavailableForMs");

		this.redis.restart();
		Awaitility.await("UP once Redis is back").atMost(TIMEOUT)
			.until(() -> health(health).getStatus().equals(Status.UP));
	}

	@Test
	void outOfServiceWhileShuttingDown() {
		ClusterNode node = this.resources.add(ClusterNode.start("a", this.redis, this.options));
		SocketIOHealthIndicator health = new SocketIOHealthIndicator(node.server(), "a", node.adapters(),
				Duration.ofSeconds(1));

		node.server().close();

		assertThat(health(health).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	private static Health health(SocketIOHealthIndicator indicator) {
		return indicator.health().block(Duration.ofSeconds(5));
	}

}

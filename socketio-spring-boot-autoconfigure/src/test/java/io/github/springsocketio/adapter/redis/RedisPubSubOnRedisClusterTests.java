package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis PUB/SUB adapters on a real Redis Cluster of three masters: classic {@code redis} (a PUBLISH reaches the
 * subscribers of every cluster node) and {@code redis-sharded} (each channel lives on the master of its slot, where
 * {@code SSUBSCRIBE} and {@code SPUBLISH} go). The cluster suite's Java nodes span the cluster as they do on one
 * Redis, and count each other by adding up what every cluster node counts.
 */
class RedisPubSubOnRedisClusterTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedisCluster cluster = TestRedisCluster.shared();

	private final String prefix = TestRedis.uniqueName("sio-cluster");

	private ClusterNode node(String type, String id) {
		return this.resources.add(switch (type) {
			case "redis" -> ClusterNode.startPubSub(id, this.cluster.connectionFactory(),
					RedisAdapterOptions.builder().key(this.prefix).build());
			case "redis-sharded" -> ClusterNode.startSharded(id, this.cluster.connectionFactory(),
					RedisShardedAdapterOptions.builder().channelPrefix(this.prefix)
						.subscriptionMode(ShardedSubscriptionMode.DYNAMIC)
						.build());
			default -> throw new IllegalArgumentException(type);
		});
	}

	private TestClient clientIn(ClusterNode node, String room) {
		TestClient client = this.resources.add(TestClient.connect(node.url(), "/"));
		client.call("join", room);
		return client;
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis", "redis-sharded" })
	void theNodesCountEachOtherOverTheClusterAndReportItsTopology(String type) {
		ClusterNode a = node(type, "a");
		ClusterNode b = node(type, "b");

		awaitServerCount(a, 2);
		awaitServerCount(b, 2);
		ClusterStatus status = type.equals("redis") ? a.pubSub() : a.sharded();
		assertThat(status.topology()).isEqualTo("cluster, 3 masters");
		b.close();
		awaitServerCount(a, 1);
	}

	/** The cluster suite on the classic adapter, on the Redis Cluster. */
	@Nested
	class Classic extends AdapterClusterSuite {

		@Override
		protected ClusterNode start(String id) {
			return ClusterNode.startPubSub(id, RedisPubSubOnRedisClusterTests.this.cluster.connectionFactory(),
					RedisAdapterOptions.builder().key(RedisPubSubOnRedisClusterTests.this.prefix).build());
		}

	}

	/** The cluster suite on the sharded adapter in its default mode, on the Redis Cluster. */
	@Nested
	class Sharded extends RedisShardedAdapterClusterTests.InMode {

		Sharded() {
			super(ShardedSubscriptionMode.DYNAMIC);
		}

		@Override
		protected ClusterNode start(String id, RedisShardedAdapterOptions options) {
			return ClusterNode.startSharded(id, RedisPubSubOnRedisClusterTests.this.cluster.connectionFactory(),
					options);
		}

		@Override
		protected long shardSubscribers(String channel) {
			return shardSubscribersOnItsMaster(channel);
		}

	}

	@Test
	void eachShardedChannelIsSubscribedOnTheMasterOfItsSlot() {
		node("redis-sharded", "a");
		ClusterNode b = node("redis-sharded", "b");
		List<String> rooms = List.of("room1", "room2", "room3", "room4", "room5", "room6");
		rooms.forEach((room) -> clientIn(b, room));
		String namespaceChannel = this.prefix + "#/#";

		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(shardSubscribersOnItsMaster(namespaceChannel)).isEqualTo(2);
			for (String room : rooms) {
				assertThat(shardSubscribersOnItsMaster(namespaceChannel + room + "#")).as(room).isEqualTo(1);
			}
		});
		assertThat(rooms.stream().map((room) -> this.cluster.masterOf(namespaceChannel + room + "#")).distinct().count())
			.as("masters holding the rooms' channels")
			.isGreaterThan(1);
	}

	@Test
	void theShardedEmitterReachesTheClientsOfANodeOnTheCluster() {
		RedisShardedAdapterOptions options = RedisShardedAdapterOptions.builder().channelPrefix(this.prefix).build();
		ClusterNode node = this.resources.add(ClusterNode.startSharded("a", this.cluster.connectionFactory(), options));
		TestClient inRoom = clientIn(node, "room1");
		LettuceConnectionFactory connections = this.cluster.connectionFactory();
		this.resources.add(connections::destroy);
		RedisShardedEmitter emitter = new RedisShardedEmitter(connections, options, JsonMapper.builder().build());
		this.resources.add(emitter::close);
		Awaitility.await().atMost(TIMEOUT).until(() -> shardSubscribersOnItsMaster(this.prefix + "#/#") == 1);

		emitter.to("room1").emit("notice", "from the emitter").block(TIMEOUT);

		assertThat(inRoom.await("notice").args()).containsExactly("from the emitter");
	}

	private long shardSubscribersOnItsMaster(String channel) {
		return this.cluster.on(this.cluster.masterOf(channel),
				(redis) -> redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L));
	}

	private static void awaitServerCount(ClusterNode node, int count) {
		Awaitility.await("server count " + count).atMost(TIMEOUT).until(
				() -> node.server().defaultNamespace().adapter().serverCount().block(TIMEOUT), (servers) -> servers == count);
	}

}

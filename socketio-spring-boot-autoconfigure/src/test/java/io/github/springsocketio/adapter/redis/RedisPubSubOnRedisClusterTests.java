package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis PUB/SUB adapters on a real Redis Cluster of three masters: classic {@code redis} (a PUBLISH reaches the
 * subscribers of every cluster node) and {@code redis-sharded} (each channel lives on the master of its slot, where
 * {@code SSUBSCRIBE} and {@code SPUBLISH} go). Two Java nodes span the cluster as they do on one Redis, and count
 * each other by adding up what every cluster node counts.
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
	void broadcastsFetchSocketsAndServerSideEmitsSpanTheCluster(String type) {
		ClusterNode a = node(type, "a");
		ClusterNode b = node(type, "b");
		TestClient inRoomOnA = clientIn(a, "room1");
		TestClient inRoomOnB = clientIn(b, "room1");
		TestClient outsideOnB = clientIn(b, "room2");
		b.server().defaultNamespace().onServerSideEmit("ping", (args, ack) -> ack.send("pong-b"));
		awaitServerCount(a, 2);
		awaitServerCount(b, 2);

		a.server().to("room1").emit("news", "hello", Map.of("a", 1));
		a.server().to("room2").emit("end");
		List<RemoteSocket> inRoom = a.server().in("room1").fetchSockets().block(TIMEOUT);
		List<JsonNode> answers = a.server().serverSideEmitWithAck("ping").block(TIMEOUT);

		assertThat(inRoomOnB.await("news").args()).containsExactly("hello", Map.of("a", 1));
		assertThat(inRoomOnA.await("news").args()).containsExactly("hello", Map.of("a", 1));
		outsideOnB.await("end");
		assertThat(outsideOnB.events("news")).isEmpty();
		assertThat(inRoom).extracting(RemoteSocket::id).containsExactlyInAnyOrder(inRoomOnA.id(), inRoomOnB.id());
		assertThat(answers).extracting(JsonNode::asString).containsExactly("pong-b");
		assertThat(a.server().defaultNamespace().adapter().serverCount().block(TIMEOUT)).isEqualTo(2);
		ClusterStatus status = type.equals("redis") ? a.pubSub() : a.sharded();
		assertThat(status.topology()).isEqualTo("cluster, 3 masters");
		b.close();
		awaitServerCount(a, 1);
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

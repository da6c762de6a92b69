package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emitter of the sharded Redis PUB/SUB adapter, which Node.js lacks: a Java node and a Node.js node
 * ({@code createShardedAdapter}) of one cluster carry out each of its operations, in each subscription mode.
 */
class RedisShardedEmitterTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final String prefix = TestRedis.uniqueName("sio-sharded-emitter");

	private RedisShardedEmitter emitter;

	private ClusterNode java;

	private NodePeer node;

	private String nodeUrl;

	/** Starts the emitter, a Java node and a Node.js node in one mode; waits until each node counts the other. */
	private void startBothNodes(ShardedSubscriptionMode mode) {
		RedisShardedAdapterOptions options = RedisShardedAdapterOptions.builder()
			.channelPrefix(this.prefix)
			.subscriptionMode(mode)
			.build();
		LettuceConnectionFactory factory = this.redis.connectionFactory();
		this.resources.add(factory::destroy);
		this.emitter = new RedisShardedEmitter(factory, options, JsonMapper.builder().build());
		this.resources.add(this.emitter::close);
		this.java = this.resources.add(ClusterNode.startSharded("java", this.redis, options));
		this.node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("adapter", "redis-sharded");
		server.put("channelPrefix", this.prefix);
		server.put("subscriptionMode", mode.toString());
		server.put("node", "node");
		this.nodeUrl = "http://127.0.0.1:" + this.node.call("startServer", server).get("port").asInt();
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT.multipliedBy(3))
			.until(() -> this.java.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2
					&& this.node.call("serverCount", Map.of()).asInt() == 2);
	}

	private TestClient javaClient(String room) {
		TestClient client = this.resources.add(TestClient.connect(this.java.url(), "/"));
		client.call("join", room);
		return client;
	}

	@ParameterizedTest
	@EnumSource(ShardedSubscriptionMode.class)
	void broadcastsReachTheirRoomsOnBothNodesAndNotTheExcepted(ShardedSubscriptionMode mode) {
		startBothNodes(mode);
		TestClient javaInRoom1 = javaClient("room1");
		TestClient javaInRoom2 = javaClient("room2");
		String js1 = this.node.connectClient("js1", this.nodeUrl, "room1");
		this.node.connectClient("js2", this.nodeUrl, "room2");
		// the room channels are subscribed to when a room gets its first member: wait for both nodes' subscriptions
		if (mode != ShardedSubscriptionMode.STATIC) {
			Awaitility.await().atMost(TIMEOUT).until(() -> roomChannelSubscribers("room1") == 2);
		}

		this.emitter.to("room1").emit("one-room", "from emitter", new byte[] { 1, 2, 3 }).block(TIMEOUT);
		this.emitter.except("room1").emit("all-but-room1", "from emitter").block(TIMEOUT);
		this.emitter.to("room1", "room2").except("room2").asVolatile().emit("two-rooms", "from emitter").block(TIMEOUT);
		this.emitter.to(js1, javaInRoom2.id()).emit("to-sockets", "from emitter").block(TIMEOUT);
		this.emitter.emit("end").block(TIMEOUT);

		javaInRoom1.await("end");
		javaInRoom2.await("end");
		this.node.awaitEvents("js1", "end", 1);
		this.node.awaitEvents("js2", "end", 1);
		assertThat((byte[]) javaInRoom1.await("one-room").arg(1)).containsExactly(1, 2, 3);
		assertThat(NodePeer.bytes(this.node.awaitEvents("js1", "one-room", 1).get(0).get(1))).containsExactly(1, 2, 3);
		assertThat(javaInRoom1.events("all-but-room1")).isEmpty();
		assertThat(javaInRoom1.events("two-rooms")).hasSize(1);
		assertThat(javaInRoom1.events("to-sockets")).isEmpty();
		assertThat(javaInRoom2.events("one-room")).isEmpty();
		assertThat(javaInRoom2.events("all-but-room1")).hasSize(1);
		assertThat(javaInRoom2.events("two-rooms")).isEmpty();
		assertThat(javaInRoom2.events("to-sockets")).hasSize(1);
		assertThat(this.node.events("js1", "all-but-room1")).isEmpty();
		assertThat(this.node.events("js1", "two-rooms")).hasSize(1);
		assertThat(this.node.events("js1", "to-sockets")).hasSize(1);
		assertThat(this.node.events("js2", "one-room")).isEmpty();
		assertThat(this.node.events("js2", "all-but-room1")).hasSize(1);
		assertThat(this.node.events("js2", "two-rooms")).isEmpty();
		assertThat(this.node.events("js2", "to-sockets")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ShardedSubscriptionMode.class)
	void aBroadcastToOneSocketReachesItWhicheverNodeItIsOn(ShardedSubscriptionMode mode) {
		startBothNodes(mode);
		TestClient javaClient = javaClient("room1");
		String jsId = this.node.connectClient("js", this.nodeUrl, "room1");
		if (mode == ShardedSubscriptionMode.DYNAMIC_PRIVATE) {
			Awaitility.await().atMost(TIMEOUT)
				.until(() -> roomChannelSubscribers(jsId) == 1 && roomChannelSubscribers(javaClient.id()) == 1);
		}

		this.emitter.to(jsId).emit("direct", "to js").block(TIMEOUT);
		this.emitter.to(javaClient.id()).emit("direct", "to java").block(TIMEOUT);

		assertThat(javaClient.await("direct").args()).containsExactly("to java");
		assertThat(this.node.awaitEvents("js", "direct", 1).get(0).get(0).asString()).isEqualTo("to js");
	}

	@Test
	void roomOperationsApplyOnBothNodes() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);
		TestClient javaClient = javaClient("room1");
		TestClient javaOutside = javaClient("room9");
		this.node.connectClient("js", this.nodeUrl, "room1");

		this.emitter.in("room1").socketsJoin("room2", "room3").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(javaClient.rooms()).contains("room2", "room3");
			assertThat(this.node.firstSocketRooms()).contains("room2", "room3");
		});
		this.emitter.in("room2").socketsLeave("room1").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(javaClient.rooms()).doesNotContain("room1");
			assertThat(this.node.firstSocketRooms()).doesNotContain("room1");
		});
		assertThat(javaOutside.rooms()).doesNotContain("room2", "room3");

		this.emitter.in("room2").disconnectSockets(true).block(TIMEOUT);
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("disconnects", Map.of("name", "js"))
			.valueStream()
			.map(JsonNode::asString)).containsExactly("io server disconnect"));
		assertThat(javaOutside.connected()).isTrue();
	}

	@Test
	void serverSideEventsReachTheHandlersOfBothNodes() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);
		List<String> received = new CopyOnWriteArrayList<>();
		this.java.server().defaultNamespace().onServerSideEmit("hello",
				(args, ack) -> received.add(args.text(0) + ":" + args.node(1) + ":" + ack.requested()));

		this.emitter.serverSideEmit("hello", "from emitter", 7).block(TIMEOUT);

		Awaitility.await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		assertThat(received).containsExactly("from emitter:7:false");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("serverSideEvents", Map.of())
			.valueStream()
			.map(JsonNode::toString)).containsExactly("{\"event\":\"hello\",\"args\":[\"from emitter\",7]}"));
	}

	/** @return how many connections subscribe to a room's sharded channel */
	private long roomChannelSubscribers(String room) {
		String channel = this.prefix + "#/#" + room + "#";
		return this.redis.commands((redis) -> redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L));
	}

}

package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.UserRooms;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java node with the sharded Redis PUB/SUB adapter and a Node.js node ({@code socket.io} 4.8 with
 * {@code @socket.io/redis-adapter} 8.3, {@code createShardedAdapter} on node-redis, run by {@code cluster-peer.mjs})
 * on the same Redis 7 and channel prefix, driven by the official Java and JavaScript clients: every cluster
 * operation works in both directions, in each subscription mode, and in the dynamic modes a node receives no
 * broadcast for a room it has no member of.
 */
class RedisShardedAdapterNodeInteropTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final AtomicInteger broadcastsReceivedByJava = new AtomicInteger();

	private ClusterNode java;

	private NodePeer node;

	private String nodeUrl;

	private String prefix;

	/** Starts both nodes in one mode; waits until each counts the other by its namespace channel. */
	private void startBothNodes(ShardedSubscriptionMode mode) {
		this.prefix = TestRedis.uniqueName("sio-sharded");
		this.java = this.resources.add(ClusterNode.startSharded("java", this.redis,
				RedisShardedAdapterOptions.builder().channelPrefix(this.prefix).subscriptionMode(mode).build()));
		this.java.sharded().observe(new ClusterObserver() {

			@Override
			public void received(ClusterMessageType type) {
				if (type == ClusterMessageType.BROADCAST) {
					RedisShardedAdapterNodeInteropTests.this.broadcastsReceivedByJava.incrementAndGet();
				}
			}

		});
		this.node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("adapter", "redis-sharded");
		server.put("channelPrefix", this.prefix);
		server.put("subscriptionMode", mode.toString());
		server.put("node", "node");
		this.nodeUrl = "http://127.0.0.1:" + this.node.call("startServer", server).get("port").asInt();
		this.java.server().defaultNamespace().onServerSideEmit("ping", (args, ack) -> ack.send("pong-java"));
		// generous: the first command of a test JVM on a loaded machine may time out, then Redis is probed again
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT.multipliedBy(3)).until(() -> javaServerCount() == 2
				&& this.node.call("serverCount", Map.of()).asInt() == 2);
	}

	private int javaServerCount() {
		return this.java.server().defaultNamespace().adapter().serverCount().block(TIMEOUT);
	}

	/** A Java client of the Java node, in a room if given, and that user's if given (anonymous otherwise). */
	private TestClient javaClient(@Nullable String room, @Nullable String user) {
		TestClient client = this.resources.add(TestClient.connect(this.java.url(), "/",
				(user != null) ? Map.of("user", user) : Map.of()));
		if (room != null) {
			client.call("join", room);
		}
		return client;
	}

	/** @return how many connections subscribe to a room's sharded channel */
	private long roomChannelSubscribers(String room) {
		String channel = this.prefix + "#/#" + room + "#";
		return this.redis.commands((redis) -> redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L));
	}

	@ParameterizedTest
	@EnumSource(ShardedSubscriptionMode.class)
	void broadcastsGoBothWaysToTheirRoomsAndNotToTheExcepted(ShardedSubscriptionMode mode) {
		startBothNodes(mode);
		TestClient javaInRoom1 = javaClient("room1", null);
		TestClient javaInRoom2 = javaClient("room2", null);
		this.node.connectClient("js1", this.nodeUrl, "room1");
		this.node.connectClient("js2", this.nodeUrl, "room2");

		this.java.server().to("room1").emit("one-room", "from java", new byte[] { 1, 2, 3 });
		this.java.server().except("room1").emit("all-but-room1", "from java");
		this.java.server().to("room1", "room2").except("room2").emit("two-rooms", "from java");
		this.node.call("emit", NodePeer.emit(List.of("room1"), List.of(), "one-room", "from node",
				NodePeer.bin(new byte[] { 9, 8, 7 })));
		this.node.call("emit", NodePeer.emit(List.of(), List.of("room1"), "all-but-room1", "from node"));
		this.node.call("emit", NodePeer.emit(List.of("room1", "room2"), List.of("room2"), "two-rooms", "from node"));
		this.java.server().emit("end", "from java");
		this.node.call("emit", NodePeer.emit(List.of(), List.of(), "end", "from node"));

		// a single-room broadcast of one node reaches the other's room members, binary data included
		JsonNode fromJava = this.node.awaitEvents("js1", "one-room", 2).stream()
			.filter((event) -> "from java".equals(event.get(0).asString()))
			.findFirst()
			.orElseThrow();
		assertThat(NodePeer.bytes(fromJava.get(1))).containsExactly(1, 2, 3);
		TestClient.Event fromNode = javaInRoom1.await("one-room", 2).stream()
			.filter((event) -> "from node".equals(event.arg(0)))
			.findFirst()
			.orElseThrow();
		assertThat((byte[]) fromNode.arg(1)).containsExactly(9, 8, 7);
		// every client got both ends: whatever it did not get by now, it will not get
		javaInRoom1.await("end", 2);
		javaInRoom2.await("end", 2);
		this.node.awaitEvents("js1", "end", 2);
		this.node.awaitEvents("js2", "end", 2);
		assertThat(javaInRoom1.events("one-room")).hasSize(2);
		assertThat(javaInRoom1.events("all-but-room1")).isEmpty();
		assertThat(javaInRoom1.events("two-rooms")).extracting((event) -> event.arg(0))
			.containsExactlyInAnyOrder("from java", "from node");
		assertThat(javaInRoom2.events("one-room")).isEmpty();
		assertThat(javaInRoom2.events("all-but-room1")).extracting((event) -> event.arg(0))
			.containsExactlyInAnyOrder("from java", "from node");
		assertThat(javaInRoom2.events("two-rooms")).isEmpty();
		assertThat(this.node.events("js1", "all-but-room1")).isEmpty();
		assertThat(this.node.events("js1", "two-rooms")).hasSize(2);
		assertThat(this.node.events("js2", "one-room")).isEmpty();
		assertThat(this.node.events("js2", "all-but-room1")).hasSize(2);
		assertThat(this.node.events("js2", "two-rooms")).isEmpty();
	}

	/** The remote sockets of fetchSockets act by broadcasts to their own room: a socket-id room channel when private. */
	@ParameterizedTest
	@EnumSource(ShardedSubscriptionMode.class)
	void fetchSocketsFindsTheSocketsOfTheOtherLanguagesNodeAndActsOnThem(ShardedSubscriptionMode mode) {
		startBothNodes(mode);
		TestClient javaClient = javaClient("room1", "alice");
		String jsId = this.node.connectClient("js", this.nodeUrl, "room1");
		this.node.connectClient("outside", this.nodeUrl, null);

		List<RemoteSocket> fromJava = this.java.server().in("room1").fetchSockets().block(TIMEOUT);
		assertThat(fromJava).extracting(RemoteSocket::id).containsExactly(javaClient.id(), jsId);
		RemoteSocket jsSocket = fromJava.get(1);
		assertThat(jsSocket.rooms()).containsExactlyInAnyOrder(jsId, "room1");
		assertThat(jsSocket.data()).containsEntry("origin", "node");
		assertThat(jsSocket.handshake().query()).containsEntry("EIO", "4");
		jsSocket.emit("direct", "from java");
		assertThat(this.node.awaitEvents("js", "direct", 1).get(0).get(0).asString()).isEqualTo("from java");

		JsonNode fromNode = this.node.call("fetchSockets", Map.of("rooms", List.of("room1")));
		assertThat(fromNode.valueStream().map((socket) -> socket.get("id").asString())).containsExactly(jsId,
				javaClient.id());
		JsonNode javaSocket = fromNode.get(1);
		assertThat(javaSocket.get("rooms").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder(javaClient.id(), "room1", UserRooms.of("alice"));
		assertThat(javaSocket.at("/data/origin").asString()).isEqualTo("java");
		this.node.call("remoteSocket",
				Map.of("id", javaClient.id(), "action", "emit", "args", List.of("direct", "from node")));
		assertThat(javaClient.await("direct").arg(0)).isEqualTo("from node");
		this.node.call("remoteSocket", Map.of("id", javaClient.id(), "action", "disconnect", "args", List.of(true)));
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
	}

	@Test
	void roomOperationsOfEitherNodeApplyOnTheOther() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);
		TestClient javaClient = javaClient("room1", null);
		TestClient javaOutside = javaClient("room9", null);
		this.node.connectClient("js", this.nodeUrl, "room1");

		this.node.call("socketsJoin", Map.of("rooms", List.of("room1"), "join", List.of("room2")));
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(javaClient.rooms()).contains("room2"));
		this.java.server().in("room1").socketsJoin("room3").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.firstSocketRooms()).contains("room2", "room3"));
		assertThat(javaClient.rooms()).contains("room3");
		this.java.server().in("room2").socketsLeave("room1").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.firstSocketRooms()).doesNotContain("room1"));
		this.node.call("socketsLeave", Map.of("rooms", List.of("room3"), "leave", List.of("room3")));
		Awaitility.await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(javaClient.rooms()).doesNotContain("room3", "room1"));
		assertThat(javaOutside.rooms()).doesNotContain("room2", "room3");

		this.java.server().in("room2").disconnectSockets(true).block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("disconnects", Map.of("name", "js"))
			.valueStream()
			.map(JsonNode::asString)).containsExactly("io server disconnect"));
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(javaOutside.connected()).isTrue();
	}

	@Test
	void serverSideEmitsWithAndWithoutAcknowledgementGoBothWaysBinaryArgumentsIncluded() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);
		List<String> received = new CopyOnWriteArrayList<>();
		List<byte[]> binaries = new CopyOnWriteArrayList<>();
		this.java.server().defaultNamespace().onServerSideEmit("hello", (args, ack) -> {
			received.add(args.text(0) + ":" + args.node(1));
			byte[] bytes = args.bytes(2);
			if (bytes != null) {
				binaries.add(bytes);
			}
		});

		List<JsonNode> javaAsked = this.java.server().serverSideEmitWithAck("ping", 1).block(TIMEOUT);
		this.java.server().serverSideEmit("hello", "from java", 42);
		JsonNode nodeAsked = this.node.call("serverSideEmitWithAck", Map.of("event", "ping", "args", List.of(2)));
		// a message with binary data is MessagePack in this mode, so binary arguments keep their type
		this.node.call("serverSideEmit",
				Map.of("event", "hello", "args", List.of("from node", 4, NodePeer.bin(new byte[] { 5, 6 }))));

		assertThat(javaAsked).extracting(JsonNode::asString).containsExactly("pong-node");
		assertThat(nodeAsked.get("error").isNull()).as("error %s", nodeAsked).isTrue();
		assertThat(nodeAsked.get("responses").valueStream().map(JsonNode::asString)).containsExactly("pong-java");
		Awaitility.await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		assertThat(received).containsExactly("from node:4");
		assertThat(binaries).singleElement().isEqualTo(new byte[] { 5, 6 });
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("serverSideEvents", Map.of())
			.valueStream()
			.map(JsonNode::toString)).contains("{\"event\":\"ping\",\"args\":[1]}",
					"{\"event\":\"hello\",\"args\":[\"from java\",42]}"));
	}

	@Test
	void broadcastsWithAcknowledgementsCollectTheAnswersOfClientsOfBothNodes() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);
		TestClient javaClient = javaClient("room1", null);
		this.node.connectClient("js", this.nodeUrl, "room1");
		javaClient.answer("question", "from-java-client");
		this.node.call("answer", Map.of("name", "js", "event", "question", "args", List.of("from-js-client")));

		// to one room too: a broadcast with acknowledgements goes to the namespace's channel, every node counted
		List<JsonNode> askedByJava = this.java.server().to("room1").timeout(TIMEOUT).emitWithAck("question", 1)
			.block(TIMEOUT);
		Map<String, Object> ask = new LinkedHashMap<>(NodePeer.emit(List.of("room1"), List.of(), "question", 2));
		ask.put("timeout", TIMEOUT.toMillis());
		JsonNode askedByNode = this.node.call("emitWithAck", ask);

		assertThat(askedByJava).extracting(JsonNode::asString).containsExactlyInAnyOrder("from-java-client",
				"from-js-client");
		assertThat(askedByNode.get("error").isNull()).as("error %s", askedByNode).isTrue();
		assertThat(askedByNode.get("responses").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("from-java-client", "from-js-client");
	}

	@Test
	void inDynamicModeANodeReceivesTheBroadcastsOfARoomOnlyWhileItHasMembersOfIt() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);
		TestClient javaClient = javaClient(null, null);
		this.node.connectClient("js", this.nodeUrl, "news");
		Awaitility.await().atMost(TIMEOUT).until(() -> roomChannelSubscribers("news") == 1);

		this.node.call("emit", NodePeer.emit(List.of("news"), List.of(), "headline", 1));
		this.node.call("emit", NodePeer.emit(List.of(), List.of(), "marker", 1));
		// Redis delivers one publisher's messages in order: the marker came after anything of the room's channel
		javaClient.await("marker");
		this.node.awaitEvents("js", "headline", 1);
		assertThat(this.broadcastsReceivedByJava).as("messages the Java node received").hasValue(1);

		javaClient.call("join", "news");
		Awaitility.await().atMost(TIMEOUT).until(() -> roomChannelSubscribers("news") == 2);
		this.node.call("emit", NodePeer.emit(List.of("news"), List.of(), "headline", 2));
		assertThat(javaClient.await("headline").args()).containsExactly(2);
		assertThat(this.broadcastsReceivedByJava).hasValue(2);

		javaClient.call("leave", "news");
		Awaitility.await().atMost(TIMEOUT).until(() -> roomChannelSubscribers("news") == 1);
		// the socket's own room has no channel in this mode
		assertThat(roomChannelSubscribers(javaClient.id())).isZero();
	}

	@Test
	void inStaticModeEveryNodeReceivesEveryBroadcastOnTheNamespacesChannel() {
		startBothNodes(ShardedSubscriptionMode.STATIC);
		TestClient javaClient = javaClient(null, null);
		this.node.connectClient("js", this.nodeUrl, "news");

		this.node.call("emit", NodePeer.emit(List.of("news"), List.of(), "headline", 1));
		this.node.call("emit", NodePeer.emit(List.of(), List.of(), "marker", 1));
		javaClient.await("marker");

		assertThat(this.broadcastsReceivedByJava).as("messages the Java node received").hasValue(2);
		assertThat(javaClient.events("headline")).isEmpty();
		assertThat(roomChannelSubscribers("news")).isZero();
	}

	@Test
	void inDynamicPrivateModeEachSocketsOwnRoomHasAChannel() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC_PRIVATE);
		TestClient javaClient = javaClient(null, null);
		String jsId = this.node.connectClient("js", this.nodeUrl, null);

		Awaitility.await().atMost(TIMEOUT).until(() -> roomChannelSubscribers(javaClient.id()) == 1
				&& roomChannelSubscribers(jsId) == 1);
		javaClient.close();
		Awaitility.await().atMost(TIMEOUT).until(() -> roomChannelSubscribers(javaClient.id()) == 0);
	}

	@Test
	void eachNodeCountsTheOtherAndReportsTheType() {
		startBothNodes(ShardedSubscriptionMode.DYNAMIC);

		assertThat(javaServerCount()).isEqualTo(2);
		assertThat(this.node.call("serverCount", Map.of()).asInt()).isEqualTo(2);
		assertThat(this.java.sharded().serverCount()).as("the count health and meters report").isBetween(1, 2);
		assertThat(this.java.sharded().type()).isEqualTo("redis-sharded");
	}

}

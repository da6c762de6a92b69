package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.UserRooms;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java node with the Redis PUB/SUB adapter and a Node.js node ({@code socket.io} 4.8 with
 * {@code @socket.io/redis-adapter} 8.3, {@code createAdapter}, run by {@code cluster-peer.mjs}) on the same Redis and
 * channel prefix, driven by the official Java and JavaScript clients: every cluster operation works in both
 * directions; so do the operations of Node's {@code @socket.io/redis-emitter} 5.
 */
class RedisAdapterNodeInteropTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private ClusterNode java;

	private NodePeer node;

	private String nodeUrl;

	private String key;

	/** Starts both nodes with the same key; waits until each counts the other by its request channel. */
	private void startBothNodes(boolean publishOnSpecificResponseChannel) {
		String key = TestRedis.uniqueName("sio-classic");
		this.key = key;
		this.java = this.resources.add(ClusterNode.startPubSub("java", this.redis, RedisAdapterOptions.builder()
			.key(key)
			.publishOnSpecificResponseChannel(publishOnSpecificResponseChannel)
			.build()));
		this.node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("adapter", "redis");
		server.put("key", key);
		server.put("publishOnSpecificResponseChannel", publishOnSpecificResponseChannel);
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

	private TestClient javaClient(@Nullable String room) {
		return javaClient(room, null);
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

	@Test
	void broadcastsGoBothWaysToTheirRoomsAndNotToTheExcepted() {
		startBothNodes(false);
		TestClient javaInRoom1 = javaClient("room1");
		TestClient javaInRoom2 = javaClient("room2");
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
		// the two nodes' broadcasts race each other: which arrives first is not given
		JsonNode fromJava = this.node.awaitEvents("js1", "one-room", 2).stream()
			.filter((event) -> "from java".equals(event.get(0).asString()))
			.findFirst()
			.orElseThrow();
		assertThat(fromJava.get(0).asString()).isEqualTo("from java");
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

	@Test
	void fetchSocketsFindsTheSocketsOfTheOtherLanguagesNodeAndActsOnThem() {
		startBothNodes(false);
		TestClient javaClient = javaClient("room1", "alice");
		String jsId = this.node.connectClient("js", this.nodeUrl, "room1");
		this.node.connectClient("outside", this.nodeUrl, null);

		List<RemoteSocket> fromJava = this.java.server().in("room1").fetchSockets().block(TIMEOUT);
		assertThat(fromJava).extracting(RemoteSocket::id).containsExactly(javaClient.id(), jsId);
		assertThat(fromJava.get(0).user()).contains("alice");
		RemoteSocket jsSocket = fromJava.get(1);
		// a Node.js node sends no user, whoever its socket is
		assertThat(jsSocket.user()).isEmpty();
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
		assertThat(javaSocket.at("/handshake/query/EIO").asString()).isEqualTo("4");
		this.node.call("remoteSocket",
				Map.of("id", javaClient.id(), "action", "emit", "args", List.of("direct", "from node")));
		assertThat(javaClient.await("direct").arg(0)).isEqualTo("from node");
		this.node.call("remoteSocket", Map.of("id", javaClient.id(), "action", "disconnect", "args", List.of(true)));
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
	}

	@Test
	void roomOperationsOfEitherNodeApplyOnTheOther() {
		startBothNodes(false);
		TestClient javaClient = javaClient("room1");
		TestClient javaOutside = javaClient("room9");
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
	void serverSideEmitsWithAndWithoutAcknowledgementGoBothWays() {
		startBothNodes(false);
		serverSideEmitsGoBothWays();
	}

	@Test
	void withResponsesOnTheRequestersOwnChannelRequestsStillGetTheirAnswers() {
		startBothNodes(true);
		TestClient javaClient = javaClient("room1");
		String jsId = this.node.connectClient("js", this.nodeUrl, "room1");

		assertThat(this.java.server().in("room1").fetchSockets().block(TIMEOUT)).extracting(RemoteSocket::id)
			.containsExactly(javaClient.id(), jsId);
		assertThat(this.node.call("fetchSockets", Map.of("rooms", List.of("room1")))
			.valueStream()
			.map((socket) -> socket.get("id").asString())).containsExactly(jsId, javaClient.id());
		serverSideEmitsGoBothWays();
	}

	private void serverSideEmitsGoBothWays() {
		List<String> received = new CopyOnWriteArrayList<>();
		this.java.server().defaultNamespace().onServerSideEmit("hello", (args, ack) -> received
			.add(args.text(0) + ":" + args.node(1)));

		List<JsonNode> javaAsked = this.java.server().serverSideEmitWithAck("ping", 1).block(TIMEOUT);
		this.java.server().serverSideEmit("hello", "from java", 42);
		JsonNode nodeAsked = this.node.call("serverSideEmitWithAck", Map.of("event", "ping", "args", List.of(2)));
		// requests are JSON in this adapter: no binary values (Node.js turns a Buffer into {type, data})
		this.node.call("serverSideEmit", Map.of("event", "hello", "args", List.of("from node", 4)));

		assertThat(javaAsked).extracting(JsonNode::asString).containsExactly("pong-node");
		assertThat(nodeAsked.get("error").isNull()).as("error %s", nodeAsked).isTrue();
		assertThat(nodeAsked.get("responses").valueStream().map(JsonNode::asString)).containsExactly("pong-java");
		Awaitility.await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		assertThat(received).containsExactly("from node:4");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("serverSideEvents", Map.of())
			.valueStream()
			.map(JsonNode::toString)).contains("{\"event\":\"ping\",\"args\":[1]}",
					"{\"event\":\"hello\",\"args\":[\"from java\",42]}"));
	}

	@Test
	void broadcastsWithAcknowledgementsCollectTheAnswersOfClientsOfBothNodes() {
		startBothNodes(false);
		TestClient javaClient = javaClient(null);
		this.node.connectClient("js", this.nodeUrl, null);
		javaClient.answer("question", "from-java-client");
		this.node.call("answer", Map.of("name", "js", "event", "question", "args", List.of("from-js-client")));

		List<JsonNode> askedByJava = this.java.server().timeout(TIMEOUT).emitWithAck("question", 1).block(TIMEOUT);
		Map<String, Object> ask = new LinkedHashMap<>(NodePeer.emit(List.of(), List.of(), "question", 2));
		ask.put("timeout", TIMEOUT.toMillis());
		JsonNode askedByNode = this.node.call("emitWithAck", ask);

		assertThat(askedByJava).extracting(JsonNode::asString).containsExactlyInAnyOrder("from-java-client",
				"from-js-client");
		assertThat(askedByNode.get("error").isNull()).as("error %s", askedByNode).isTrue();
		assertThat(askedByNode.get("responses").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("from-java-client", "from-js-client");
	}

	@Test
	void eachOperationOfNodesRedisEmitterReachesTheClientsOfBothNodes() {
		startBothNodes(false);
		TestClient javaClient = javaClient("room1");
		TestClient javaOutside = javaClient("room9");
		this.node.connectClient("js", this.nodeUrl, "room1");
		List<String> received = new CopyOnWriteArrayList<>();
		this.java.server().defaultNamespace().onServerSideEmit("hello",
				(args, ack) -> received.add(args.text(0) + ":" + args.node(1)));

		// @socket.io/redis-emitter 5: uid "emitter" on broadcasts and server-side events, no uid on room operations
		nodeEmitter("emit", List.of("room1"), List.of(), "news", "x", NodePeer.bin(new byte[] { 4, 5 }));
		nodeEmitter("emit", List.of("room1", "room9"), List.of("room9"), "several", "y");
		nodeEmitter("serverSideEmit", List.of(), List.of(), "hello", "from emitter", 3);
		nodeEmitter("socketsJoin", List.of("room1"), List.of(), null, "joined-by-emitter");

		TestClient.Event news = javaClient.await("news");
		assertThat(news.arg(0)).isEqualTo("x");
		assertThat((byte[]) news.arg(1)).containsExactly(4, 5);
		assertThat(javaClient.await("several").args()).containsExactly("y");
		assertThat(this.node.awaitEvents("js", "news", 1).get(0).get(0).asString()).isEqualTo("x");
		assertThat(this.node.awaitEvents("js", "several", 1)).hasSize(1);
		Awaitility.await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		assertThat(received).containsExactly("from emitter:3");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(javaClient.rooms()).contains("joined-by-emitter");
			assertThat(this.node.firstSocketRooms()).contains("joined-by-emitter");
		});
		nodeEmitter("socketsLeave", List.of("joined-by-emitter"), List.of(), null, "room1");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(javaClient.rooms()).doesNotContain("room1");
			assertThat(this.node.firstSocketRooms()).doesNotContain("room1");
		});
		nodeEmitter("disconnectSockets", List.of("joined-by-emitter"), List.of(), null);
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("disconnects", Map.of("name", "js"))
			.valueStream()
			.map(JsonNode::asString)).containsExactly("io server disconnect"));
		assertThat(javaOutside.events("news")).isEmpty();
		assertThat(javaOutside.events("several")).isEmpty();
		assertThat(javaOutside.connected()).isTrue();
	}

	/** Publishes one operation with {@code @socket.io/redis-emitter}, and waits until Redis has it. */
	private void nodeEmitter(String action, List<String> rooms, List<String> except, @Nullable String event,
			Object... args) {
		Map<String, Object> operation = new LinkedHashMap<>();
		operation.put("redisUrl", this.redis.url());
		operation.put("key", this.key);
		operation.put("rooms", rooms);
		operation.put("except", except);
		operation.put("action", action);
		if (event != null) {
			operation.put("event", event);
		}
		operation.put("args", List.of(args));
		operation.put("close", true);
		this.node.call("redisEmitter", operation);
	}

	@Test
	void eachNodeCountsTheOtherAndTheNodeJsNodeListsTheJavaNodesRooms() {
		startBothNodes(false);
		javaClient("java-room");

		assertThat(javaServerCount()).isEqualTo(2);
		assertThat(this.node.call("serverCount", Map.of()).asInt()).isEqualTo(2);
		assertThat(this.java.pubSub().serverCount()).as("the count health and meters report").isBetween(1, 2);
		assertThat(this.node.call("allRooms", Map.of()).valueStream().map(JsonNode::asString)).contains("java-room");
	}

}

package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.UserRooms;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java node and a Node.js node ({@code socket.io} 4.8 with {@code @socket.io/redis-streams-adapter} 0.3.1, run by
 * {@code cluster-peer.mjs}) on the same Redis, both with connection state recovery, driven by the official Java and
 * JavaScript clients: every cluster operation works in both directions, and a client recovers on the other
 * language's node.
 */
class NodeInteropTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	private static final String OFFSET = "\\d+-\\d+";

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	private ClusterNode java;

	private NodePeer node;

	private String nodeUrl;

	@BeforeEach
	void startBothNodes() {
		this.java = this.resources.add(ClusterNode.start("java", this.redis, this.options,
				new ConnectionStateRecoveryOptions(Duration.ofSeconds(60), true)));
		this.node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("streamName", this.options.streamName());
		server.put("channelPrefix", this.options.channelPrefix());
		server.put("sessionKeyPrefix", this.options.sessionKeyPrefix());
		server.put("maxDisconnectionDuration", 60_000);
		server.put("node", "node");
		this.nodeUrl = "http://127.0.0.1:" + this.node.call("startServer", server).get("port").asInt();
		this.java.server().defaultNamespace().onServerSideEmit("ping", (args, ack) -> ack.send("pong-java"));
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT).until(() -> javaServerCount() == 2
				&& this.node.call("serverCount", Map.of()).asInt() == 2);
	}

	private int javaServerCount() {
		return this.java.server().defaultNamespace().adapter().serverCount().block(TIMEOUT);
	}

	private TestClient javaClient(String room) {
		return javaClient(room, null);
	}

	/** A Java client of the Java node, in a room if given, and that user's if given (anonymous otherwise). */
	private TestClient javaClient(String room, @Nullable String user) {
		TestClient client = this.resources.add(TestClient.connect(this.java.url(), "/",
				(user != null) ? Map.of("user", user) : Map.of()));
		if (room != null) {
			client.call("join", room);
		}
		return client;
	}

	private Map<String, Object> nodeEmit(String room, String event, Object... args) {
		Map<String, Object> emit = new LinkedHashMap<>();
		emit.put("rooms", (room != null) ? List.of(room) : List.of());
		emit.put("event", event);
		emit.put("args", List.of(args));
		return emit;
	}

	@Test
	void textAndBinaryBroadcastsGoBothWaysWithTheSameOffsetEverywhere() {
		TestClient javaClient = javaClient("room1");
		this.node.connectClient("js", this.nodeUrl, "room1");
		this.node.connectClient("outside", this.nodeUrl, null);

		this.java.server().to("room1").emit("from-java", "hi", new byte[] { 1, 2, 3 });
		this.node.call("emit", nodeEmit("room1", "from-node", "hello", NodePeer.bin(new byte[] { 9, 8, 7 })));
		this.node.call("emit", nodeEmit(null, "end"));

		JsonNode fromJava = this.node.awaitEvents("js", "from-java", 1).get(0);
		assertThat(fromJava.get(0).asString()).isEqualTo("hi");
		assertThat(NodePeer.bytes(fromJava.get(1))).containsExactly(1, 2, 3);
		TestClient.Event fromNode = javaClient.await("from-node");
		assertThat(fromNode.arg(0)).isEqualTo("hello");
		assertThat((byte[]) fromNode.arg(1)).containsExactly(9, 8, 7);
		// every client of a broadcast gets the same offset: the id of its stream entry
		TestClient.Event ownBroadcast = javaClient.await("from-java");
		assertThat((String) ownBroadcast.arg(2)).matches(OFFSET).isEqualTo(fromJava.get(2).asString());
		JsonNode nodeBroadcast = this.node.awaitEvents("js", "from-node", 1).get(0);
		assertThat((String) fromNode.arg(2)).matches(OFFSET).isEqualTo(nodeBroadcast.get(2).asString());
		this.node.awaitEvents("outside", "end", 1);
		javaClient.await("end");
		assertThat(this.node.events("outside", "from-java")).isEmpty();
		assertThat(this.node.events("outside", "from-node")).isEmpty();
	}

	@Test
	void fetchSocketsFindsTheSocketsOfTheOtherLanguagesNodeAndActsOnThem() {
		TestClient javaClient = javaClient("room1", "alice");
		String jsId = this.node.connectClient("js", this.nodeUrl, "room1");

		List<RemoteSocket> fromJava = this.java.server().in("room1").fetchSockets().block(TIMEOUT);
		assertThat(fromJava).extracting(RemoteSocket::id).containsExactly(javaClient.id(), jsId);
		assertThat(fromJava.get(0).user()).contains("alice");
		RemoteSocket jsSocket = fromJava.get(1);
		// a Node.js node sends no user, whoever its socket is
		assertThat(jsSocket.user()).isEmpty();
		assertThat(jsSocket.rooms()).containsExactlyInAnyOrder(jsId, "room1");
		assertThat(jsSocket.data()).containsEntry("origin", "node");
		assertThat(jsSocket.handshake().address()).contains("127.0.0.1");
		assertThat(jsSocket.handshake().query()).containsEntry("EIO", "4");
		jsSocket.emit("direct", "from java");
		jsSocket.join("joined-by-java").block(TIMEOUT);
		assertThat(this.node.awaitEvents("js", "direct", 1).get(0).get(0).asString()).isEqualTo("from java");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("sockets", Map.of()).get(0)
			.get("rooms")
			.valueStream()
			.map(JsonNode::asString)).contains("joined-by-java"));

		JsonNode fromNode = this.node.call("fetchSockets", Map.of("rooms", List.of("room1")));
		assertThat(fromNode.valueStream().map((socket) -> socket.get("id").asString())).containsExactly(jsId,
				javaClient.id());
		JsonNode javaSocket = fromNode.get(1);
		assertThat(javaSocket.get("rooms").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder(javaClient.id(), "room1", UserRooms.of("alice"));
		assertThat(javaSocket.at("/data/origin").asString()).isEqualTo("java");
		assertThat(javaSocket.at("/handshake/address").asString()).isEqualTo("127.0.0.1");
		assertThat(javaSocket.at("/handshake/url").asString()).startsWith("/socket.io/?");
		assertThat(javaSocket.at("/handshake/query/EIO").asString()).isEqualTo("4");
		assertThat(javaSocket.at("/handshake/issued").asLong()).isPositive();
		this.node.call("remoteSocket", Map.of("id", javaClient.id(), "action", "emit", "args", List.of("direct", "from node")));
		this.node.call("remoteSocket", Map.of("id", javaClient.id(), "action", "join", "args", List.of("joined-by-node")));
		assertThat(javaClient.await("direct").arg(0)).isEqualTo("from node");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(javaClient.rooms()).contains("joined-by-node"));
		this.node.call("remoteSocket", Map.of("id", javaClient.id(), "action", "disconnect", "args", List.of(true)));
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
	}

	@Test
	void roomOperationsOfEitherNodeApplyOnTheOther() {
		TestClient javaClient = javaClient("room1");
		this.node.connectClient("js", this.nodeUrl, "room1");

		this.node.call("socketsJoin", Map.of("rooms", List.of("room1"), "join", List.of("room2")));
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(javaClient.rooms()).contains("room2"));
		this.java.server().in("room2").socketsLeave("room1").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("sockets", Map.of())
			.get(0)
			.get("rooms")
			.valueStream()
			.map(JsonNode::asString)).contains("room2").doesNotContain("room1"));

		this.java.server().in("room2").disconnectSockets(true).block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("disconnects", Map.of("name", "js"))
			.valueStream()
			.map(JsonNode::asString)).containsExactly("io server disconnect"));
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
	}

	@Test
	void serverSideEmitsWithAndWithoutAcknowledgementGoBothWays() {
		List<String> received = new CopyOnWriteArrayList<>();
		this.java.server().defaultNamespace().onServerSideEmit("hello", (args, ack) -> received
			.add(args.text(0) + ":" + args.bytes(1).length));

		List<JsonNode> javaAsked = this.java.server().serverSideEmitWithAck("ping", 1).block(TIMEOUT);
		this.java.server().serverSideEmit("hello", "from java", 42);
		JsonNode nodeAsked = this.node.call("serverSideEmitWithAck", Map.of("event", "ping", "args", List.of(2)));
		this.node.call("serverSideEmit", Map.of("event", "hello", "args",
				List.of("from node", NodePeer.bin(new byte[] { 1, 2, 3, 4 }))));

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
		TestClient javaClient = javaClient(null);
		this.node.connectClient("js", this.nodeUrl, null);
		javaClient.answer("question", "from-java-client");
		this.node.call("answer", Map.of("name", "js", "event", "question", "args", List.of("from-js-client")));

		List<JsonNode> askedByJava = this.java.server().timeout(TIMEOUT).emitWithAck("question", 1).block(TIMEOUT);
		Map<String, Object> ask = new LinkedHashMap<>(nodeEmit(null, "question", 2));
		ask.put("timeout", TIMEOUT.toMillis());
		JsonNode askedByNode = this.node.call("emitWithAck", ask);

		assertThat(askedByJava).extracting(JsonNode::asString).containsExactlyInAnyOrder("from-java-client",
				"from-js-client");
		assertThat(askedByNode.get("error").isNull()).as("error %s", askedByNode).isTrue();
		assertThat(askedByNode.get("responses").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("from-java-client", "from-js-client");
	}

	@Test
	void withTwoStreamsBothNodesPutEachNamespaceInTheSameStream() {
		RedisStreamsAdapterOptions two = TestRedis.options().streamCount(2).build();
		ClusterNode javaNode = this.resources.add(ClusterNode.start("java2", this.redis, two));
		javaNode.server().of("/admin");
		Awaitility.await("read loops positioned").atMost(TIMEOUT).until(() -> javaNode.adapters().lastReadIds().size() == 2
				&& javaNode.adapters().lastReadIds().values().stream().allMatch(Objects::nonNull));
		NodePeer nodePeer = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("streamName", two.streamName());
		server.put("streamCount", 2);
		server.put("channelPrefix", two.channelPrefix());
		server.put("node", "node2");
		String url = "http://127.0.0.1:" + nodePeer.call("startServer", server).get("port").asInt();
		TestClient javaMain = this.resources.add(TestClient.connect(javaNode.url(), "/"));
		TestClient javaAdmin = this.resources.add(TestClient.connect(javaNode.url(), "/admin"));
		nodePeer.call("connect", Map.of("name", "main", "url", url));
		nodePeer.call("connect", Map.of("name", "admin", "url", url, "nsp", "/admin"));

		javaNode.server().emit("from-java", "/");
		javaNode.server().of("/admin").emit("from-java", "/admin");
		nodePeer.call("emit", Map.of("event", "from-node", "args", List.of("/")));
		nodePeer.call("emit", Map.of("nsp", "/admin", "event", "from-node", "args", List.of("/admin")));

		assertThat(javaMain.await("from-node").args()).containsExactly("/");
		assertThat(javaAdmin.await("from-node").args()).containsExactly("/admin");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(nodePeer.call("events", Map.of("name", "main")).toString()).contains("\"from-java\",\"args\":[\"/\"]");
			assertThat(nodePeer.call("events", Map.of("name", "admin")).toString())
				.contains("\"from-java\",\"args\":[\"/admin\"]");
		});
		// as Node.js computes it: "/".hashCode() % 2 = 1, "/admin".hashCode() % 2 = 0
		assertThat(namespacesIn(two.streamName() + "-1")).containsOnly("/").hasSize(2);
		assertThat(namespacesIn(two.streamName() + "-0")).containsOnly("/admin").hasSize(2);
	}

	private List<String> namespacesIn(String stream) {
		return this.redis.commands((redis) -> redis.xrange(stream, io.lettuce.core.Range.create("-", "+")))
			.stream()
			.map((entry) -> entry.getBody().get("nsp"))
			.toList();
	}

	@Test
	void aClientOfTheJavaNodeRecoversOnTheNodeJsNode() {
		recoversOnTheOtherNode(this.java.url(), this.nodeUrl, "java", "node");
	}

	@Test
	void aClientOfTheNodeJsNodeRecoversOnTheJavaNode() {
		recoversOnTheOtherNode(this.nodeUrl, this.java.url(), "node", "java");
	}

	private void recoversOnTheOtherNode(String from, String to, String origin, String destination) {
		TestClient witness = javaClient("room1");
		String id = this.node.connectClient("js", from, "room1");
		this.java.server().to("room1").emit("before", 0);
		this.node.awaitEvents("js", "before", 1);

		JsonNode lost = this.node.call("cutOff", Map.of("name", "js"));
		String pid = lost.get("pid").asString();
		String offset = lost.get("offset").asString();
		assertThat(offset).matches(OFFSET);
		Awaitility.await("session kept").atMost(TIMEOUT).until(() -> sessionExists(pid));
		this.java.server().to("room1").emit("missed", "from java", new byte[] { 1, 2 });
		// the Java node delivers its own broadcast once Redis took it: the Node.js one comes after it in the stream
		witness.await("missed", 1);
		this.node.call("emit", nodeEmit("room1", "missed", "from node", NodePeer.bin(new byte[] { 3, 4 })));
		this.java.server().except("room1").emit("not-for-room1", 1);
		this.java.server().asVolatile().emit("volatile", 1);
		this.java.server().to("room2").emit("not-for-room1", 2);
		witness.await("missed", 2);
		JsonNode back = this.node.call("reconnect", Map.of("name", "js", "url", to));

		assertThat(back.get("id").asString()).isEqualTo(id);
		assertThat(back.get("recovered").asBoolean()).isTrue();
		List<JsonNode> missed = this.node.awaitEvents("js", "missed", 2);
		assertThat(missed.get(0).get(0).asString()).isEqualTo("from java");
		assertThat(NodePeer.bytes(missed.get(0).get(1))).containsExactly(1, 2);
		assertThat(missed.get(1).get(0).asString()).isEqualTo("from node");
		assertThat(NodePeer.bytes(missed.get(1).get(1))).containsExactly(3, 4);
		assertThat(missed.get(0).get(2).asString()).isEqualTo(witness.events("missed").get(0).arg(2));
		assertThat(missed.get(1).get(2).asString()).isEqualTo(witness.events("missed").get(1).arg(2));
		JsonNode me = this.node.call("clientEmit", Map.of("name", "js", "event", "whoami", "ack", true));
		assertThat(me.get("id").asString()).isEqualTo(id);
		assertThat(me.get("node").asString()).isEqualTo(destination);
		assertThat(me.get("recovered").asBoolean()).isTrue();
		assertThat(me.get("rooms").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(id, "room1");
		assertThat(me.at("/data/origin").asString()).isEqualTo(origin);
		assertThat(this.node.events("js", "not-for-room1")).isEmpty();
		assertThat(sessionExists(pid)).as("the session was consumed").isFalse();
	}

	private boolean sessionExists(String pid) {
		Long count = this.redis.commands((redis) -> redis.exists(this.options.sessionKeyPrefix() + pid));
		return count == 1;
	}

}

package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.server.AckTimeoutException;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every Redis adapter type must do for a cluster of Java nodes, each with its own adapter factory, connections
 * and port, on one real Redis, driven by real clients: what a node does for its own clients spans the cluster. Each
 * adapter type runs it through a subclass that says how its nodes start. Ordering is checked with a final broadcast:
 * the messages one node publishes reach another in order, so once a client has it, it has every earlier one.
 */
abstract class AdapterClusterSuite {

	protected static final Duration TIMEOUT = TestClient.TIMEOUT;

	private int running;

	@RegisterExtension
	final Resources resources = new Resources();

	protected final TestRedis redis = TestRedis.shared();

	/**
	 * Starts a node of the cluster under test, on options of this test's own, and returns once it receives what the
	 * cluster publishes.
	 * @param id the node id
	 * @return the node
	 */
	protected abstract ClusterNode start(String id);

	/**
	 * Returns once the cluster delivers the broadcasts to a room to the node that just got its first member of it
	 * (a node of the dynamic sharded modes subscribes to the room's channel then).
	 */
	protected void awaitRoomReceived(ClusterNode node, String room) {
	}

	/**
	 * Returns once the cluster delivers the messages to a socket's own room to the node of a socket that just
	 * connected (a node of the {@code dynamic-private} sharded mode subscribes to the socket's channel then).
	 */
	protected void awaitSocketReceived(String namespace, String socketId) {
	}

	/** Starts a node; returns once the cluster counts it, so that it receives what is published from now on. */
	protected final ClusterNode node(String id) {
		ClusterNode node = this.resources.add(start(id));
		awaitServerCount(node, ++this.running);
		return node;
	}

	protected final TestClient client(ClusterNode node) {
		return client(node, "/");
	}

	protected final TestClient client(ClusterNode node, String namespace) {
		TestClient client = this.resources.add(TestClient.connect(node.url(), namespace));
		awaitSocketReceived(namespace, client.id());
		return client;
	}

	protected final TestClient clientIn(ClusterNode node, String room) {
		TestClient client = client(node);
		client.call("join", room);
		awaitRoomReceived(node, room);
		return client;
	}

	@Test
	void broadcastsToRoomsExceptRoomsReachTheClientsOfEveryNode() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient inRoomOnA = clientIn(a, "room1");
		TestClient inRoomOnB = clientIn(b, "room1");
		TestClient inBothOnB = clientIn(b, "room1");
		inBothOnB.call("join", "room2");
		TestClient outsideOnB = client(b);

		a.server().to("room1").except("room2").emit("news", "hello", Map.of("a", 1));
		a.server().emit("end");

		for (TestClient client : List.of(inRoomOnA, inRoomOnB, inBothOnB, outsideOnB)) {
			client.await("end");
		}
		assertThat(inRoomOnA.events("news")).singleElement()
			.satisfies((event) -> assertThat(event.args()).containsExactly("hello", Map.of("a", 1)));
		assertThat(inRoomOnB.events("news")).singleElement()
			.satisfies((event) -> assertThat(event.args()).containsExactly("hello", Map.of("a", 1)));
		assertThat(inBothOnB.events("news")).isEmpty();
		assertThat(outsideOnB.events("news")).isEmpty();
	}

	@Test
	void volatileBroadcastsReachOtherNodesAndLocalOnesStayOnTheirNode() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient onA = client(a);
		TestClient onB = client(b);

		a.server().asVolatile().emit("volatile", 1);
		a.server().local().emit("local-a", 2);
		b.server().local().emit("local-b", 3);
		a.server().emit("end");

		onA.await("end");
		onB.await("end");
		onB.await("local-b");
		assertThat(onA.events("volatile")).hasSize(1);
		assertThat(onB.events("volatile")).hasSize(1);
		assertThat(onA.events("local-a")).hasSize(1);
		assertThat(onB.events("local-a")).isEmpty();
		assertThat(onA.events("local-b")).isEmpty();
	}

	@Test
	void aSocketReachesASocketOnAnotherNodeByItsId() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient sender = client(a);
		TestClient target = client(b);
		TestClient bystander = client(b);

		sender.call("to", target.id(), "private", Map.of("from", sender.id()));
		a.server().emit("end");

		target.await("private");
		bystander.await("end");
		sender.await("end");
		assertThat(target.events("private")).singleElement()
			.satisfies((event) -> assertThat(event.args()).containsExactly(Map.of("from", sender.id())));
		assertThat(bystander.events("private")).isEmpty();
		assertThat(sender.events("private")).isEmpty();
	}

	@Test
	void fetchSocketsReturnsTheSocketsOfOtherNodesThatCanBeToldWhatToDo() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient local = clientIn(a, "room1");
		TestClient remote = clientIn(b, "room1");
		client(b);
		awaitServerCount(a, 2);

		List<RemoteSocket> all = a.server().fetchSockets().block(TIMEOUT);
		List<RemoteSocket> inRoom = a.server().in("room1").fetchSockets().block(TIMEOUT);

		assertThat(all).hasSize(3);
		assertThat(inRoom).extracting(RemoteSocket::id).containsExactly(local.id(), remote.id());
		RemoteSocket fetched = inRoom.get(1);
		assertThat(fetched.rooms()).containsExactlyInAnyOrder(remote.id(), "room1");
		assertThat(fetched.data()).containsEntry("origin", "b");
		assertThat(fetched.handshake().address()).isEqualTo("127.0.0.1");
		assertThat(fetched.handshake().url()).startsWith("/socket.io/?").contains("EIO=4").contains("transport=websocket");
		assertThat(fetched.handshake().query()).containsEntry("EIO", "4");
		assertThat(fetched.handshake().issued()).isPositive();
		assertThat(fetched.handshake().time()).endsWith("(Coordinated Universal Time)");
		assertThat(fetched.handshake().headers()).containsKey("host");

		fetched.emit("direct", "hi");
		assertThat(remote.await("direct").args()).containsExactly("hi");
		fetched.join("room9").block(TIMEOUT);
		fetched.leave("room1").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(remote.rooms())
			.containsExactlyInAnyOrder(remote.id(), "room9"));
		fetched.disconnect(false).block(TIMEOUT);
		assertThat(remote.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(local.connected()).isTrue();
	}

	@Test
	void socketsJoinSocketsLeaveAndDisconnectSocketsApplyOnEveryNode() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient onA = clientIn(a, "room1");
		TestClient onB = clientIn(b, "room1");
		TestClient outside = client(b);

		a.server().in("room1").socketsJoin("room2").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(onB.rooms())
			.containsExactlyInAnyOrder(onB.id(), "room1", "room2"));
		assertThat(onA.rooms()).containsExactlyInAnyOrder(onA.id(), "room1", "room2");

		b.server().in("room2").socketsLeave("room1").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(onA.rooms())
			.containsExactlyInAnyOrder(onA.id(), "room2"));
		assertThat(onB.rooms()).containsExactlyInAnyOrder(onB.id(), "room2");

		a.server().in("room2").disconnectSockets(true).block(TIMEOUT);
		assertThat(onA.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(onB.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(outside.connected()).isTrue();
		assertThat(outside.rooms()).containsExactly(outside.id());
	}

	@Test
	void serverSideEmitsReachTheListenersOfTheOtherNodesOnly() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		ClusterNode c = node("c");
		List<String> received = new CopyOnWriteArrayList<>();
		for (ClusterNode node : List.of(a, b, c)) {
			node.server().defaultNamespace().onServerSideEmit("hello", (args, ack) -> received
				.add(node.id() + ":" + args.text(0) + ":" + args.node(1).asInt() + ":" + ack.requested()));
		}
		awaitServerCount(a, 3);

		a.server().serverSideEmit("hello", "world", 7);

		Awaitility.await().atMost(TIMEOUT).until(() -> received.size() >= 2);
		assertThat(received).containsExactlyInAnyOrder("b:world:7:false", "c:world:7:false");
	}

	@Test
	void serverSideEmitsWithAcknowledgementCollectOneAnswerPerNode() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		ClusterNode c = node("c");
		for (ClusterNode node : List.of(b, c)) {
			node.server().defaultNamespace().onServerSideEmit("ping", (args, ack) -> ack.send("pong-" + node.id(),
					"ignored"));
		}
		awaitServerCount(a, 3);

		List<JsonNode> answers = a.server().serverSideEmitWithAck("ping", 1).block(TIMEOUT);

		assertThat(answers).extracting(JsonNode::asString).containsExactlyInAnyOrder("pong-b", "pong-c");
	}

	@Test
	void aServerSideEmitWithAcknowledgementTimesOutWhenANodeDoesNotAnswer() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		node("c");
		b.server().defaultNamespace().onServerSideEmit("ping", (args, ack) -> ack.send("pong-b"));
		awaitServerCount(a, 3);

		assertThatExceptionOfType(AckTimeoutException.class)
			.isThrownBy(() -> a.server().serverSideEmitWithAck("ping").block(TIMEOUT))
			.withMessage("timeout reached: only 1 responses received out of 2")
			.satisfies((ex) -> assertThat(ex.responses()).extracting(JsonNode::asString).containsExactly("pong-b"));
	}

	@Test
	void broadcastsWithAcknowledgementsCollectTheAnswersOfClientsOnEveryNode() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient onA = client(a);
		TestClient onB = client(b);
		TestClient otherOnB = clientIn(b, "quiet");
		onA.answer("question", "from-a");
		onB.answer("question", "from-b");
		otherOnB.answer("question", "from-quiet");
		awaitServerCount(a, 2);

		List<JsonNode> answers = a.server().except("quiet").timeout(TIMEOUT).emitWithAck("question", 42).block(TIMEOUT);

		assertThat(answers).extracting(JsonNode::asString).containsExactlyInAnyOrder("from-a", "from-b");
		assertThat(onB.events("question")).singleElement()
			.satisfies((event) -> assertThat(event.args()).containsExactly(42));
		assertThat(otherOnB.events("question")).isEmpty();
	}

	@Test
	void aBroadcastWithAcknowledgementsFailsWithTheAnswersThatCameWhenAClientDoesNotAnswer() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient onA = client(a);
		TestClient silentOnB = client(b);
		onA.answer("question", "from-a");
		awaitServerCount(a, 2);

		assertThatExceptionOfType(AckTimeoutException.class)
			.isThrownBy(() -> a.server().timeout(Duration.ofMillis(1500)).emitWithAck("question").block(TIMEOUT))
			.withMessageStartingWith("operation has timed out: 1 of 2 acknowledgements missing")
			.satisfies((ex) -> assertThat(ex.responses()).extracting(JsonNode::asString).containsExactly("from-a"));
		assertThat(silentOnB.events("question")).hasSize(1);
	}

	@Test
	void theServerCountFollowsTheNodesThatServeTheNamespace() {
		ClusterNode a = node("a");
		node("b");
		ClusterNode c = node("c");

		awaitServerCount(a, 3);
		c.close();
		awaitServerCount(a, 2);
	}

	@Test
	void binaryCrossesNodesAsBinary() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient onB = client(b);
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}

		a.server().emit("binary", bytes, Map.of("nested", List.of(new byte[] { 1, 2, 3 })));

		TestClient.Event event = onB.await("binary");
		assertThat((byte[]) event.arg(0)).isEqualTo(bytes);
		assertThat((byte[]) ((List<?>) ((Map<?, ?>) event.arg(1)).get("nested")).get(0)).containsExactly(1, 2, 3);
	}

	@Test
	void aDynamicNamespaceKnownOnOneNodeOnlyIsIgnoredByTheOthers() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient dynamicOnA = client(a, "/dyn-one");
		TestClient mainOnB = client(b);
		Namespace dynamic = namespace(a, "/dyn-one");

		dynamic.emit("dyn", 1);
		a.server().emit("end");

		mainOnB.await("end");
		dynamicOnA.await("dyn");
		assertThat(b.server().namespaces()).extracting(Namespace::name).doesNotContain("/dyn-one");

		TestClient dynamicOnB = client(b, "/dyn-one");
		awaitServerCount(dynamic, 2);
		dynamic.emit("dyn", 2);

		assertThat(dynamicOnB.await("dyn").args()).containsExactly(2);
		assertThat(dynamicOnA.await("dyn", 2)).extracting((event) -> event.arg(0)).containsExactly(1, 2);
	}

	protected static Namespace namespace(ClusterNode node, String name) {
		return node.server().namespaces().stream().filter((namespace) -> namespace.name().equals(name)).findFirst()
			.orElseThrow();
	}

	/** Subscriptions are asynchronous: a node counts the others once they subscribed. */
	protected static void awaitServerCount(ClusterNode node, int count) {
		awaitServerCount(node.server().defaultNamespace(), count);
	}

	private static void awaitServerCount(Namespace namespace, int count) {
		Awaitility.await("server count " + count + " of " + namespace.name()).atMost(TIMEOUT)
			.until(() -> namespace.adapter().serverCount().block(TIMEOUT), (servers) -> servers == count);
	}

}

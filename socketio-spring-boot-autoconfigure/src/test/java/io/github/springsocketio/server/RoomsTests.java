package io.github.springsocketio.server;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rooms: joining and leaving, broadcasting to rooms (their union, exclusions, the sender left out), and the operations
 * on selected sockets ({@code fetchSockets}, {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets})
 * wherever the sockets are. Runs on every backend: see {@link #newBackend()}.
 */
abstract class RoomsTests extends MultiNodeTests {

	private final ServerSockets sockets = new ServerSockets();

	private void start() {
		startNodes((server) -> {
			server.onConnection(this.sockets).onConnection(MultiNodeTests::handlers).onConnection(
					(socket) -> socket.data().put("name", String.valueOf(socket.handshake().auth("name"))));
			server.of("/other").onConnection(this.sockets);
		});
	}

	@Test
	void everySocketIsInTheRoomNamedByItsId() {
		start();
		TestClient client = client(0);

		assertThat(Awaits.result(client.emitWithAck("rooms"))).isEqualTo(array(List.of(client.id())));
	}

	@Test
	void aSocketJoinsAndLeavesRooms() {
		start();
		TestClient client = client(0);

		join(client, "a", "b");
		assertThat(Awaits.result(client.emitWithAck("rooms")).get(0)).containsExactlyInAnyOrderElementsOf(
				array("a", "b", client.id()));
		Awaits.result(client.emitWithAck("leave", "a"));

		assertThat(Awaits.result(client.emitWithAck("rooms")).get(0)).containsExactlyInAnyOrderElementsOf(
				array("b", client.id()));
		SocketIOSocket socket = this.sockets.byId(client.id());
		assertThat(socket.rooms()).containsExactlyInAnyOrder("b", client.id());
		assertThat(socket.namespace().adapter().roomSize("b")).isEqualTo(1);
		assertThat(socket.namespace().adapter().rooms()).doesNotContain("a");
	}

	@Test
	void aBroadcastToARoomReachesItsMembersOnEveryNode() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(0), "room");
		join(clients.get(3), "room");

		node(1).server().to("room").emit("news", "for the room");
		fence(clients);

		assertThat(received(clients, "news")).containsExactly(1, 0, 0, 1);
		assertThat(clients.get(3).events("news").get(0).args()).isEqualTo(array("for the room"));
	}

	@Test
	void severalRoomsTargetTheirUnionEachSocketOnce() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(0), "a", "b");
		join(clients.get(1), "a");
		join(clients.get(2), "b");

		node(0).server().to("a").to("b").emit("chained");
		node(1).server().to("a", "b").emit("listed");
		node(0).server().to("a").in("b").emit("in");
		fence(clients);

		assertThat(received(clients, "chained")).containsExactly(1, 1, 1, 0);
		assertThat(received(clients, "listed")).containsExactly(1, 1, 1, 0);
		assertThat(received(clients, "in")).containsExactly(1, 1, 1, 0);
	}

	@Test
	void exceptLeavesOutTheMembersOfItsRooms() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(0), "a", "b");
		join(clients.get(1), "a");
		join(clients.get(2), "b");

		node(0).server().to("a").except("b").emit("a but not b");
		node(1).server().except("b").emit("all but b");
		node(0).server().except("a", "b").emit("neither");
		node(1).server().except(clients.get(3).id()).emit("all but one socket");
		fence(clients);

		assertThat(received(clients, "a but not b")).containsExactly(0, 1, 0, 0);
		assertThat(received(clients, "all but b")).containsExactly(0, 1, 0, 1);
		assertThat(received(clients, "neither")).containsExactly(0, 0, 0, 1);
		assertThat(received(clients, "all but one socket")).containsExactly(1, 1, 1, 0);
	}

	@Test
	void aSocketSendingToARoomLeavesItselfOut() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(0), "room");
		join(clients.get(1), "room");
		join(clients.get(2), "room");

		Awaits.result(clients.get(0).emitWithAck("to", "room", Map.of("from", "0")));
		fence(clients);

		assertThat(received(clients, "message")).containsExactly(0, 1, 1, 0);
		assertThat(clients.get(2).events("message").get(0).args()).isEqualTo(array(Map.of("from", "0")));
	}

	@Test
	void aSocketBroadcastReachesEveryOtherSocket() {
		start();
		List<TestClient> clients = clients(4);

		Awaits.result(clients.get(1).emitWithAck("broadcast", "from 1"));
		fence(clients);

		assertThat(received(clients, "message")).containsExactly(1, 0, 1, 1);
	}

	@Test
	void fetchSocketsReturnsTheSelectedSocketsOfEveryNodeWithTheirDetails() {
		start();
		TestClient first = client(0, "/", Map.of("name", "first"));
		TestClient second = client(1, "/", Map.of("name", "second"));
		TestClient third = client(2, "/", Map.of("name", "third"));
		join(first, "room");
		join(second, "room", "other");

		List<RemoteSocket> inRoom = Awaits.result(node(2).server().in("room").fetchSockets());
		List<RemoteSocket> all = Awaits.result(node(0).server().fetchSockets());
		List<RemoteSocket> notOther = Awaits.result(node(1).server().except("other").fetchSockets());

		assertThat(ids(inRoom)).containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(ids(all)).containsExactlyInAnyOrder(first.id(), second.id(), third.id());
		assertThat(ids(notOther)).containsExactlyInAnyOrder(first.id(), third.id());
		RemoteSocket fetched = inRoom.stream().filter((s) -> s.id().equals(second.id())).findFirst().orElseThrow();
		assertThat(fetched.rooms()).containsExactlyInAnyOrder(second.id(), "room", "other");
		assertThat(fetched.data()).containsEntry("name", "second");
		assertThat(fetched.handshake().auth("name")).isEqualTo("second");
		assertThat(fetched.handshake().address()).isEqualTo("127.0.0.1");
	}

	@Test
	void aFetchedSocketCanBeReachedWhereverItIs() {
		start();
		List<TestClient> clients = clients(2);
		TestClient target = clients.get(1);
		RemoteSocket remote = Awaits.result(node(0).server().in(target.id()).fetchSockets()).get(0);

		remote.emit("direct", "to you");
		Awaits.result(remote.join("joined"));
		awaitMembers(node(0), "joined", target.id());
		Set<String> joined = Set.copyOf(Awaits.result(node(0).server().in("joined").fetchSockets()).get(0).rooms());
		Awaits.result(remote.leave("joined"));

		assertThat(target.awaitEvent("direct").args()).isEqualTo(array("to you"));
		assertThat(joined).contains("joined", target.id());
		awaitMembers(node(1), "joined");
		Awaits.result(remote.disconnect(false));
		assertThat(target.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(this.sockets.awaitDisconnect(target.id())).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
	}

	@Test
	void socketsJoinAppliesWhenSubscribed() {
		start();
		List<TestClient> clients = clients(2);

		Mono<Void> join = node(0).server().socketsJoin("later");
		assertThat(Awaits.result(node(1).server().in("later").fetchSockets())).as("before subscribing").isEmpty();
		Awaits.result(join);

		awaitMembers(node(1), "later", clientIds(clients));
	}

	@Test
	void socketsJoinAndSocketsLeaveApplyToTheSelectedSocketsOnEveryNode() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(0), "a");
		join(clients.get(3), "a");

		Awaits.result(node(1).server().in("a").socketsJoin("b", "c"));
		awaitMembers(node(0), "b", clients.get(0).id(), clients.get(3).id());
		Awaits.result(node(0).server().in("c").except(clients.get(0).id()).socketsLeave("b"));
		awaitMembers(node(1), "b", clients.get(0).id());
		Awaits.result(node(0).server().socketsJoin("everyone"));
		awaitMembers(node(1), "everyone", clientIds(clients));
		node(1).server().to("everyone").emit("news");
		fence(clients);

		assertThat(received(clients, "news")).containsExactly(1, 1, 1, 1);
		assertThat(Awaits.result(clients.get(3).emitWithAck("rooms")).get(0)).containsExactlyInAnyOrderElementsOf(
				array(clients.get(3).id(), "a", "c", "everyone"));
	}

	@Test
	void disconnectSocketsDisconnectsTheSelectedSocketsOnEveryNode() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(1), "banned");
		join(clients.get(2), "banned");

		Awaits.result(node(0).server().in("banned").disconnectSockets(false));

		assertThat(clients.get(1).awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(clients.get(2).awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(this.sockets.awaitDisconnect(clients.get(1).id()))
			.isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(ids(Awaits.result(node(0).server().fetchSockets())))
			.containsExactlyInAnyOrder(clients.get(0).id(), clients.get(3).id());
		fence(List.of(clients.get(0), clients.get(3)));
	}

	@Test
	void disconnectSocketsWithCloseClosesTheirConnections() {
		start();
		List<TestClient> clients = clients(3);
		join(clients.get(1), "banned");
		TestClient otherNamespace = clients.get(1).socket("/other", ClientOptions.defaults());
		otherNamespace.awaitConnect();

		Awaits.result(node(0).server().in("banned").disconnectSockets(true));

		assertThat(clients.get(1).awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(otherNamespace.awaitDisconnect()).as("every namespace of the connection")
			.isEqualTo("io server disconnect");
		await().atMost(Awaits.TIMEOUT)
			.until(() -> List.of(node(0), node(1), node(2)).stream().distinct()
				.mapToInt((node) -> node.server().engine().sessionCount()).sum() == 2);
		fence(List.of(clients.get(0), clients.get(2)));
	}

	@Test
	void aSocketLeavesEveryRoomWhenItDisconnects() {
		start();
		List<TestClient> clients = clients(2);
		join(clients.get(1), "room");
		String id = clients.get(1).id();

		clients.get(1).disconnect();
		this.sockets.awaitDisconnect(id);

		assertThat(Awaits.result(node(0).server().in("room").fetchSockets())).isEmpty();
		assertThat(node(1).server().defaultNamespace().adapter().rooms()).doesNotContain("room", id);
	}

	private static List<Integer> received(List<TestClient> clients, String event) {
		return clients.stream().map((client) -> client.events(event).size()).toList();
	}

	private static Set<String> ids(List<RemoteSocket> sockets) {
		return sockets.stream().map(RemoteSocket::id).collect(Collectors.toSet());
	}

	private static String[] clientIds(Collection<TestClient> clients) {
		return clients.stream().map(TestClient::id).toArray(String[]::new);
	}

	/**
	 * Waits until {@code fetchSockets} on a node finds exactly these sockets in a room. A node applies a join or a
	 * leave another node sent when it reads it from the cluster, a moment later, as with the reference's adapters;
	 * what a node then asks the others may overtake it.
	 */
	private static void awaitMembers(TestSocketIOServer node, String room, String... ids) {
		await().atMost(Awaits.TIMEOUT)
			.untilAsserted(() -> assertThat(ids(Awaits.result(node.server().in(room).fetchSockets())))
				.containsExactlyInAnyOrder(ids));
	}

}

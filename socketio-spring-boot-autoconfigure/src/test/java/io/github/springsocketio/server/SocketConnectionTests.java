package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket's connection side reads its client's packets only while the socket is in its namespace, answers an event
 * that asks for it once, settles the acknowledgements the client sends, and when the socket leaves takes it out of
 * its namespace and rooms and fails what it still waited for.
 */
class SocketConnectionTests {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();

	private final Namespace main = this.server.defaultNamespace();

	private final LoopbackSession session = new LoopbackSession("s1");

	@Test
	void packetsSentBeforeTheSocketJoinedItsNamespaceAreIgnored() {
		SocketIOSocket socket = new SocketIOSocket(this.main, this.session.client(this.server),
				Handshake.of(this.session.handshake(), JSON.objectNode()), null);
		List<String> events = new ArrayList<>();
		socket.on("hello", (args, ack) -> events.add("hello"));

		socket.connection.onPacket(event("hello", Packet.NO_ID));
		assertThat(events).isEmpty();
		socket.connection.onConnected();
		socket.connection.onPacket(event("hello", Packet.NO_ID));

		assertThat(events).containsExactly("hello");
	}

	@Test
	void anEventAskingForAnAcknowledgementIsAnsweredOnceUnderItsId() {
		SocketIOSocket socket = connect();
		socket.on("ping", (args, ack) -> {
			ack.send("pong");
			ack.send("again");
		});

		socket.connection.onPacket(event("ping", 5));

		assertThat(this.session.written).containsExactly("435[\"pong\"]");
	}

	@Test
	void anAcknowledgementFromTheClientSettlesOnlyTheOneItAnswers() {
		SocketIOSocket socket = connect();
		List<String> settled = new ArrayList<>();
		socket.connection.registerAck(3, (values) -> settled.add("3: " + values), (error) -> settled.add("3 failed"), null);
		socket.connection.registerAck(4, (values) -> settled.add("4: " + values), (error) -> settled.add("4 failed"), null);

		socket.connection.onPacket(new Packet(PacketType.ACK, "/", JSON.arrayNode().add("yes"), 4));

		assertThat(settled).containsExactly("4: [\"yes\"]");
	}

	@Test
	void aDisconnectFromTheClientTakesTheSocketOutOfItsNamespaceAndRoomsAndFailsWhatItWaitedFor() {
		SocketIOSocket socket = connect();
		socket.join("lobby");
		List<Object> seen = new ArrayList<>();
		socket.onDisconnecting((reason) -> seen.add("disconnecting from " + socket.rooms()));
		socket.onDisconnect((reason) -> seen.add("disconnected: " + reason));
		socket.on("late", (args, ack) -> seen.add("late event"));
		socket.connection.registerAck(3, (values) -> seen.add(values), seen::add, null);

		socket.connection.onPacket(new Packet(PacketType.DISCONNECT, "/", null, Packet.NO_ID));
		socket.connection.onPacket(event("late", Packet.NO_ID));

		assertThat(socket.connected()).isFalse();
		assertThat(this.main.sockets()).doesNotContainKey(socket.id());
		assertThat(this.main.adapter().socketRooms(socket.id())).isEmpty();
		assertThat(seen).hasSize(3);
		assertThat(seen.get(0)).asString().startsWith("disconnecting from ").contains("lobby", socket.id());
		assertThat(seen.get(1)).isInstanceOf(SocketDisconnectedException.class);
		assertThat(seen.get(2)).isEqualTo("disconnected: " + DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
	}

	@Test
	void disconnectingOnTheServersSideTellsTheClientOnce() {
		SocketIOSocket socket = connect();
		List<DisconnectReason> reasons = new ArrayList<>();
		socket.onDisconnect(reasons::add);

		socket.disconnect();
		socket.disconnect();

		assertThat(this.session.written).containsExactly("41");
		assertThat(reasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(this.session.isOpen()).isTrue();
	}

	@Test
	void anAcknowledgementAwaitedAfterTheSocketLeftFailsAtOnce() {
		SocketIOSocket socket = connect();
		socket.disconnect();
		List<Throwable> failures = new ArrayList<>();

		socket.connection.registerAck(3, (values) -> {
		}, failures::add, null);

		assertThat(failures).singleElement().isInstanceOf(SocketDisconnectedException.class);
	}

	@Test
	void broadcastsHeldBackDuringARecoveryAreWrittenWhenReleased() {
		SocketIOSocket socket = connect();
		ArrayNode data = JSON.arrayNode().add("news");
		Packet packet = new Packet(PacketType.EVENT, "/", data, Packet.NO_ID);

		socket.connection.holdBroadcasts();
		socket.connection.deliver(this.main.parser().encode(packet), BroadcastFlags.NONE, data);
		assertThat(this.session.written).isEmpty();
		socket.connection.releaseBroadcasts(Set.of());

		assertThat(this.session.written).containsExactly("42[\"news\"]");
	}

	private SocketIOSocket connect() {
		List<SocketIOSocket> connected = new ArrayList<>();
		this.main.onConnection(connected::add);
		this.main.connect(this.session.client(this.server), JSON.objectNode());
		this.session.written.clear();
		return connected.get(0);
	}

	private static Packet event(String name, long id) {
		return new Packet(PacketType.EVENT, "/", JSON.arrayNode().add(name), id);
	}

}

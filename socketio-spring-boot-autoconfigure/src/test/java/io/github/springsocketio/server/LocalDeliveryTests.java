package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast reaches the namespace's sockets on this node among those it names, encoded once, the same frames
 * shared by every recipient, and handed to each event loop once for all its recipients.
 */
class LocalDeliveryTests {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final List<Integer> sent = new ArrayList<>();

	private final SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();

	private final Namespace main = this.server.defaultNamespace();

	private final LocalDelivery delivery = new LocalDelivery(this.main);

	LocalDeliveryTests() {
		this.server.observe(new SocketIOObserver() {

			@Override
			public void packetsSent(Namespace namespace, int recipients) {
				LocalDeliveryTests.this.sent.add(recipients);
			}

		});
	}

	@Test
	void socketsNotConnectedHereAreSkippedAndTheRecipientsCounted() {
		LoopbackSession first = new LoopbackSession("s1");
		LoopbackSession second = new LoopbackSession("s2");
		String one = connect(first);
		String two = connect(second);

		this.delivery.deliver(event("news"), List.of(one, "on-another-node", two), BroadcastFlags.NONE);

		assertThat(first.written).containsExactly("42[\"news\"]");
		assertThat(second.written).containsExactly("42[\"news\"]");
		assertThat(this.sent).containsExactly(2);
	}

	@Test
	void everyRecipientGetsTheSameEncodedPackets() {
		LoopbackSession first = new LoopbackSession("s1");
		LoopbackSession second = new LoopbackSession("s2");
		List<String> ids = List.of(connect(first), connect(second));

		this.delivery.deliver(event("news"), ids, BroadcastFlags.NONE);

		assertThat(first.packets).hasSize(1);
		assertThat(second.packets).hasSize(1);
		assertThat(second.packets.get(0)).isSameAs(first.packets.get(0));
	}

	@Test
	void withTheMsgpackParserEveryRecipientGetsTheSameBinaryMessage() {
		SocketIOServer msgpack = SocketIOServer.builder()
			.adapterFactory(InMemoryAdapter::new)
			.parser(ParserType.MSGPACK)
			.build();
		LoopbackSession first = new LoopbackSession("s1");
		LoopbackSession second = new LoopbackSession("s2");
		List<String> ids = List.of(connect(msgpack, first), connect(msgpack, second));

		new LocalDelivery(msgpack.defaultNamespace()).deliver(event("news"), ids, BroadcastFlags.NONE);

		assertThat(first.packets).singleElement().satisfies((packet) -> assertThat(packet.isBinary()).isTrue());
		assertThat(second.packets).singleElement().isSameAs(first.packets.get(0));
	}

	@Test
	void eachEventLoopIsHandedOneTaskForAllItsRecipients() {
		CountingLoop loop = new CountingLoop();
		LoopbackSession first = new LoopbackSession("s1", loop, false);
		LoopbackSession second = new LoopbackSession("s2", loop, false);
		CountingLoop ownLoop = new CountingLoop();
		LoopbackSession alone = new LoopbackSession("s3", ownLoop, false);
		List<String> ids = List.of(connect(first), connect(second), connect(alone));

		this.delivery.deliver(event("news"), ids, BroadcastFlags.NONE);

		assertThat(loop.tasks).isOne();
		assertThat(ownLoop.tasks).as("a lone recipient is written to at once").isZero();
		assertThat(List.of(first.written, second.written, alone.written)).allSatisfy(
				(written) -> assertThat(written).containsExactly("42[\"news\"]"));
	}

	@Test
	void onTheRecipientsOwnEventLoopTheyAreWrittenToAtOnce() {
		CountingLoop loop = new CountingLoop();
		LoopbackSession first = new LoopbackSession("s1", loop, true);
		LoopbackSession second = new LoopbackSession("s2", loop, true);
		List<String> ids = List.of(connect(first), connect(second));

		this.delivery.deliver(event("news"), ids, BroadcastFlags.NONE);

		assertThat(loop.tasks).isZero();
		assertThat(second.written).containsExactly("42[\"news\"]");
	}

	@Test
	void withNoRecipientHereNothingIsWrittenAndNoneCounted() {
		this.delivery.deliver(event("news"), List.of("on-another-node"), BroadcastFlags.NONE);

		assertThat(this.sent).containsExactly(0);
	}

	@Test
	void aPacketAskingForAcknowledgementsCountsThemAndPassesOnEachFirstArgument() {
		LoopbackSession session = new LoopbackSession("s1");
		String id = connect(session);
		List<JsonNode> acks = new ArrayList<>();
		Packet packet = new Packet(PacketType.EVENT, "/", JSON.arrayNode().add("question"), 7);

		int expected = this.delivery.deliverWithAck(packet, List.of(id, "on-another-node"), BroadcastFlags.NONE,
				acks::add);
		this.main.sockets().get(id).connection.onPacket(new Packet(PacketType.ACK, "/", JSON.arrayNode().add("yes").add(2), 7));

		assertThat(expected).isOne();
		assertThat(session.written).containsExactly("427[\"question\"]");
		assertThat(acks).containsExactly(JSON.stringNode("yes"));
		assertThat(this.sent).containsExactly(1);
	}

	@Test
	void aPacketAskingForAcknowledgementsIsHandedToEachEventLoopOnceAndTheAnswersFindTheirRegistrations() {
		CountingLoop loop = new CountingLoop();
		LoopbackSession first = new LoopbackSession("s1", loop, false);
		LoopbackSession second = new LoopbackSession("s2", loop, false);
		List<String> ids = List.of(connect(first), connect(second));
		List<JsonNode> acks = new ArrayList<>();
		Packet packet = new Packet(PacketType.EVENT, "/", JSON.arrayNode().add("question"), 9);

		int expected = this.delivery.deliverWithAck(packet, ids, BroadcastFlags.NONE, acks::add);
		for (String id : ids) {
			this.main.sockets().get(id).connection.onPacket(new Packet(PacketType.ACK, "/", JSON.arrayNode().add(id), 9));
		}

		assertThat(expected).isEqualTo(2);
		assertThat(loop.tasks).isOne();
		assertThat(List.of(first.written, second.written)).allSatisfy(
				(written) -> assertThat(written).containsExactly("429[\"question\"]"));
		assertThat(acks).containsExactlyElementsOf(ids.stream().map(JSON::stringNode).toList());
	}

	private String connect(LoopbackSession session) {
		return connect(this.server, session);
	}

	private static String connect(SocketIOServer server, LoopbackSession session) {
		Namespace main = server.defaultNamespace();
		main.connect(session.client(server), JSON.objectNode());
		session.written.clear();
		session.packets.clear();
		return main.sockets()
			.values()
			.stream()
			.filter((socket) -> socket.client.session == session)
			.findFirst()
			.orElseThrow()
			.id();
	}

	private static Packet event(String name) {
		ArrayNode data = JSON.arrayNode().add(name);
		return new Packet(PacketType.EVENT, "/", data, Packet.NO_ID);
	}

	/** An event loop that runs each task at once and counts them. */
	private static final class CountingLoop implements Executor {

		int tasks;

		@Override
		public void execute(Runnable task) {
			this.tasks++;
			task.run();
		}

	}

}

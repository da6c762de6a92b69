package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.SocketDetails;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter of one node: each operation acts on the local sockets the options select, and a cluster's offset is
 * appended to an event only when connection state recovery keeps it.
 */
class InMemoryAdapterTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final ConnectionStateRecoveryOptions RECOVERY = new ConnectionStateRecoveryOptions(
			Duration.ofMinutes(2), true);

	private final RecordingAdapterContext context = new RecordingAdapterContext("/", null);

	private final InMemoryAdapter adapter = new InMemoryAdapter(this.context);

	@Test
	void joinLeaveAndDisconnectActOnEachSelectedSocket() {
		this.adapter.addAll("a", Set.of("a", "room1"));
		this.adapter.addAll("b", Set.of("b"));
		BroadcastOptions room1 = new BroadcastOptions(Set.of("room1"), Set.of(), BroadcastFlags.NONE);

		this.adapter.addSockets(room1, Set.of("room2")).block();
		this.adapter.delSockets(room1, Set.of("room1")).block();
		this.adapter.disconnectSockets(room1, true).block();

		assertThat(this.context.calls).containsExactly("join a [room2]", "leave a [room1]", "disconnect a true");
	}

	@Test
	void fetchingSocketsGivesTheDetailsOfTheSelectedOnes() {
		this.adapter.addAll("a", Set.of("a", "room1"));
		this.adapter.addAll("b", Set.of("b"));

		StepVerifier
			.create(this.adapter.fetchSockets(new BroadcastOptions(Set.of(), Set.of("room1"), BroadcastFlags.NONE)))
			.assertNext((sockets) -> assertThat(sockets).extracting(SocketDetails::id).containsExactly("b"))
			.verifyComplete();
	}

	@Test
	void aBroadcastWithAcknowledgementsReportsHowManySocketsItReached() {
		this.adapter.addAll("a", Set.of("a"));
		this.adapter.addAll("b", Set.of("b"));
		int[] count = new int[1];

		this.adapter.broadcastWithAck(event().withId(1), BroadcastOptions.ALL, (n) -> count[0] = n, (ack) -> {
		});

		assertThat(count[0]).isEqualTo(2);
	}

	@Test
	void aClustersOffsetIsAppendedToARecoverableEventWhenRecoveryIsOn() {
		RecordingAdapterContext recovering = new RecordingAdapterContext("/", RECOVERY);
		InMemoryAdapter adapter = new InMemoryAdapter(recovering, false);

		adapter.deliver(event(), BroadcastOptions.ALL, "1-0");

		assertThat(data(recovering)).hasToString("[\"hello\",\"1-0\"]");
	}

	@Test
	void noOffsetIsAppendedWithoutRecoveryToAVolatileEventOrAnEventWithAnAcknowledgement() {
		RecordingAdapterContext recovering = new RecordingAdapterContext("/", RECOVERY);
		InMemoryAdapter adapter = new InMemoryAdapter(recovering, false);
		BroadcastOptions asVolatile = new BroadcastOptions(Set.of(), Set.of(),
				new BroadcastFlags(true, null, false, null));

		this.adapter.deliver(event(), BroadcastOptions.ALL, "1-0");
		adapter.deliver(event(), asVolatile, "1-0");
		adapter.deliver(event().withId(3), BroadcastOptions.ALL, "1-0");
		adapter.deliver(event(), BroadcastOptions.ALL, null);

		assertThat(data(this.context)).hasToString("[\"hello\"]");
		assertThat(recovering.deliveries).extracting((delivery) -> delivery.packet().data().toString())
			.containsOnly("[\"hello\"]");
	}

	@Test
	void aSingleNodeAdapterNumbersRecoverableBroadcastsItself() {
		RecordingAdapterContext recovering = new RecordingAdapterContext("/", RECOVERY);
		InMemoryAdapter adapter = new InMemoryAdapter(recovering);

		adapter.broadcast(event(), BroadcastOptions.ALL).block();

		ArrayNode data = data(recovering);
		assertThat(data).hasSize(2);
		StepVerifier.create(adapter.missedPackets(Set.of(), "0")).assertNext((missed) -> assertThat(missed).hasSize(1))
			.verifyComplete();
	}

	@Test
	void aSingleNodeCountsOneServerAndHasNoOneToAnswer() {
		StepVerifier.create(this.adapter.serverCount()).expectNext(1).verifyComplete();
		StepVerifier.create(this.adapter.serverSideEmitWithAck(NODES.arrayNode().add("ping"), Duration.ofSeconds(1)))
			.expectNext(List.of())
			.verifyComplete();
	}

	private static Packet event() {
		return new Packet(PacketType.EVENT, "/", NODES.arrayNode().add("hello"), Packet.NO_ID);
	}

	private static ArrayNode data(RecordingAdapterContext context) {
		return (ArrayNode) context.deliveries.get(context.deliveries.size() - 1).packet().data();
	}

}

package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.SocketDetails;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster adapter publishes an operation first and then applies it here, even when publishing failed; a local
 * operation is never published; requests wait for every other node and take the answers through
 * {@link ClusterAdapter#onMessage}.
 */
class ClusterAdapterTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RecordingAdapterContext context = new RecordingAdapterContext("/",
			new ConnectionStateRecoveryOptions(Duration.ofMinutes(2), true));

	private final TestTransport adapter = new TestTransport(this.context);

	ClusterAdapterTests() {
		this.adapter.addAll("s1", Set.of("s1", "room1"));
	}

	@Test
	void aBroadcastIsPublishedFirstAndDeliveredHereWithTheOffsetItGot() {
		this.adapter.offset = "1795562832413-0";

		this.adapter.broadcast(event(), BroadcastOptions.ALL).block();

		assertThat(this.adapter.events).containsExactly("published BROADCAST");
		assertThat(this.context.deliveries).singleElement()
			.satisfies((delivery) -> assertThat(delivery.packet().data()).hasToString("[\"hello\",\"1795562832413-0\"]"));
	}

	@Test
	void aBroadcastThatCannotBePublishedIsStillDeliveredHereWithoutOffset() {
		this.adapter.failure = new IllegalStateException("down");

		this.adapter.broadcast(event(), BroadcastOptions.ALL).block();

		assertThat(this.adapter.events).containsExactly("failed down");
		assertThat(this.context.deliveries).singleElement()
			.satisfies((delivery) -> assertThat(delivery.packet().data()).hasToString("[\"hello\"]"));
	}

	@Test
	void aLocalOperationIsNeverPublished() {
		BroadcastOptions local = new BroadcastOptions(Set.of(), Set.of(), new BroadcastFlags(false, null, true, null));

		this.adapter.broadcast(event(), local).block();
		this.adapter.addSockets(local, Set.of("room2")).block();

		assertThat(this.adapter.events).isEmpty();
		assertThat(this.context.deliveries).hasSize(1);
		assertThat(this.context.calls).containsExactly("join s1 [room2]");
	}

	@Test
	void roomOperationsArePublishedBeforeTheyApplyHere() {
		this.context.calls.add("before");

		Mono<Void> join = this.adapter.addSockets(BroadcastOptions.ALL, Set.of("room2"));
		assertThat(this.context.calls).as("lazy until subscribed").containsExactly("before");
		join.block();

		assertThat(this.adapter.events).containsExactly("published SOCKETS_JOIN");
		assertThat(this.adapter.messages.get(0).data())
			.hasToString("{\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}},\"rooms\":[\"room2\"]}");
		assertThat(this.context.calls).containsExactly("before", "join s1 [room2]");
	}

	@Test
	void aSingleNodeClusterFetchesOnlyItsOwnSockets() {
		StepVerifier.create(this.adapter.fetchSockets(BroadcastOptions.ALL))
			.assertNext((sockets) -> assertThat(sockets).extracting(SocketDetails::id).containsExactly("s1"))
			.verifyComplete();
		assertThat(this.adapter.messages).isEmpty();
	}

	@Test
	void fetchingSocketsGivesTheLocalOnesThenThoseEachOtherNodeAnswered() {
		this.adapter.servers = 2;

		StepVerifier.create(this.adapter.fetchSockets(BroadcastOptions.ALL)).then(() -> {
			String requestId = this.adapter.messages.get(0).requestId();
			ObjectNode response = NODES.objectNode().put("requestId", requestId);
			response.putArray("sockets").addObject().put("id", "remote1");
			this.adapter.onMessage(
					new ClusterMessage("bbbbbbbbbbbbbbbb", "/", ClusterMessageType.FETCH_SOCKETS_RESPONSE, response),
					null);
		})
			.assertNext((sockets) -> assertThat(sockets).extracting(SocketDetails::id).containsExactly("s1", "remote1"))
			.verifyComplete();
	}

	@Test
	void requestsAnsweredHereGoToTheRequestersPrivateChannel() {
		ObjectNode request = NODES.objectNode().put("requestId", "r1");
		request.putObject("opts");

		this.adapter.onMessage(new ClusterMessage("bbbbbbbbbbbbbbbb", "/", ClusterMessageType.FETCH_SOCKETS, request),
				null);

		assertThat(this.adapter.events).containsExactly("responded bbbbbbbbbbbbbbbb FETCH_SOCKETS_RESPONSE");
	}

	@Test
	void eachAdapterHasItsOwnSixteenHexId() {
		assertThat(this.adapter.uid()).matches("[0-9a-f]{16}").isNotEqualTo(new TestTransport(this.context).uid());
	}

	private static Packet event() {
		return new Packet(PacketType.EVENT, "/", NODES.arrayNode().add("hello"), Packet.NO_ID);
	}

	/** A transport that records what it is asked to publish. */
	private static final class TestTransport extends ClusterAdapter {

		final List<ClusterMessage> messages = new ArrayList<>();

		final List<String> events = new ArrayList<>();

		@Nullable String offset;

		@Nullable RuntimeException failure;

		int servers = 1;

		TestTransport(AdapterContext context) {
			super(context, Duration.ofSeconds(5));
		}

		@Override
		protected Mono<String> doPublish(ClusterMessage message) {
			this.messages.add(message);
			if (this.failure != null) {
				return Mono.error(this.failure);
			}
			this.events.add("published " + message.type());
			return Mono.justOrEmpty(this.offset);
		}

		@Override
		protected Mono<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
			this.events.add("responded " + requesterUid + " " + response.type());
			return Mono.empty();
		}

		@Override
		public Mono<Integer> serverCount() {
			return Mono.just(this.servers);
		}

		@Override
		protected void onPublishError(Throwable error) {
			this.events.add("failed " + error.getMessage());
		}

	}

}

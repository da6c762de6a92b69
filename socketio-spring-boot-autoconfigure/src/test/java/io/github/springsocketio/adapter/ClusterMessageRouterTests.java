package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * What another node sends is applied to this node's sockets and never published again; requests are answered to
 * their sender; messages from this adapter itself or for another namespace are ignored.
 */
class ClusterMessageRouterTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String ME = "aaaaaaaaaaaaaaaa";

	private static final String OTHER = "bbbbbbbbbbbbbbbb";

	private final RecordingAdapterContext context = new RecordingAdapterContext("/",
			new ConnectionStateRecoveryOptions(Duration.ofMinutes(2), true));

	private final InMemoryAdapter local = new InMemoryAdapter(this.context, false);

	private final ClusterRequests requests = new ClusterRequests(Duration.ofSeconds(5));

	private final List<String> responses = new ArrayList<>();

	private final List<ClusterMessageType> received = new ArrayList<>();

	private final ClusterMessageRouter router = new ClusterMessageRouter(ME, this.context, this.local, this.requests,
			(requester, type, data) -> this.responses.add(requester + " " + type + " " + data),
			() -> new ClusterObserver() {
				@Override
				public void received(ClusterMessageType type) {
					ClusterMessageRouterTests.this.received.add(type);
				}
			});

	ClusterMessageRouterTests() {
		this.local.addAll("s1", Set.of("s1", "room1"));
		this.local.addAll("s2", Set.of("s2"));
	}

	@Test
	void aBroadcastIsDeliveredToTheSelectedSocketsWithTheOffsetOfItsEntry() {
		this.router.route(message(OTHER, "/", ClusterMessageType.BROADCAST, broadcast("room1")), "1795562832413-0");

		assertThat(this.context.deliveries).singleElement().satisfies((delivery) -> {
			assertThat(delivery.socketIds()).containsExactly("s1");
			assertThat(delivery.packet().data()).hasToString("[\"hello\",\"1795562832413-0\"]");
		});
		assertThat(this.received).containsExactly(ClusterMessageType.BROADCAST);
		assertThat(this.responses).isEmpty();
	}

	@Test
	void messagesFromThisAdapterOrForAnotherNamespaceAreIgnored() {
		this.router.route(message(ME, "/", ClusterMessageType.BROADCAST, broadcast("room1")), null);
		this.router.route(message(OTHER, "/admin", ClusterMessageType.BROADCAST, broadcast("room1")), null);

		assertThat(this.context.deliveries).isEmpty();
		assertThat(this.received).isEmpty();
	}

	@Test
	void aBroadcastWithAcknowledgementsAnswersTheClientCountThenEachClientsAnswer() {
		ObjectNode data = broadcast("room1").put("requestId", "r1");

		this.router.route(message(OTHER, "/", ClusterMessageType.BROADCAST, data), null);
		this.context.acks.get("s1").accept(NODES.stringNode("yes"));

		assertThat(this.context.deliveries.get(0).packet().id()).as("a local ack id").isZero();
		assertThat(this.responses).containsExactly(
				OTHER + " BROADCAST_CLIENT_COUNT {\"requestId\":\"r1\",\"clientCount\":1}",
				OTHER + " BROADCAST_ACK {\"requestId\":\"r1\",\"packet\":\"yes\"}");
	}

	@Test
	void roomOperationsApplyToTheSelectedSockets() {
		ObjectNode join = opts("room1").set("rooms", NODES.arrayNode().add("room2"));
		ObjectNode leave = opts("room1").set("rooms", NODES.arrayNode().add("room1"));

		this.router.route(message(OTHER, "/", ClusterMessageType.SOCKETS_JOIN, join), "1-0");
		this.router.route(message(OTHER, "/", ClusterMessageType.SOCKETS_LEAVE, leave), "2-0");
		this.router.route(message(OTHER, "/", ClusterMessageType.DISCONNECT_SOCKETS, opts("room1").put("close", true)),
				"3-0");

		assertThat(this.context.calls).containsExactly("join s1 [room2]", "leave s1 [room1]", "disconnect s1 true");
	}

	@Test
	void aFetchIsAlwaysAnsweredEvenWithNoSocket() {
		this.router.route(message(OTHER, "/", ClusterMessageType.FETCH_SOCKETS, opts("nobody").put("requestId", "r2")),
				null);

		assertThat(this.responses).containsExactly(OTHER + " FETCH_SOCKETS_RESPONSE {\"requestId\":\"r2\",\"sockets\":[]}");
	}

	@Test
	void aServerSideEmitIsAnsweredOnlyThroughTheListenersCallback() {
		ObjectNode data = NODES.objectNode().put("requestId", "r3");
		data.set("packet", NODES.arrayNode().add("ping"));

		this.router.route(message(OTHER, "/", ClusterMessageType.SERVER_SIDE_EMIT, data), null);
		assertThat(this.responses).isEmpty();
		this.context.serverSideAck.accept(NODES.stringNode("pong"));

		assertThat(this.context.serverSideEvents).singleElement().hasToString("[\"ping\"]");
		assertThat(this.responses)
			.containsExactly(OTHER + " SERVER_SIDE_EMIT_RESPONSE {\"requestId\":\"r3\",\"packet\":\"pong\"}");
	}

	@Test
	void aServerSideEmitWithoutRequestIdExpectsNoAnswer() {
		ObjectNode data = NODES.objectNode();
		data.set("packet", NODES.arrayNode().add("news"));

		this.router.route(message(OTHER, "/", ClusterMessageType.SERVER_SIDE_EMIT, data), null);

		assertThat(this.context.serverSideEvents).hasSize(1);
		assertThat(this.context.serverSideAck).isNull();
	}

	@Test
	void responsesGoToTheRequestTheyAnswer() {
		List<Integer> counts = new ArrayList<>();
		String requestId = this.requests.registerAck(Duration.ofSeconds(5), counts::add, (ack) -> {
		});

		this.router.route(message(OTHER, "/", ClusterMessageType.BROADCAST_CLIENT_COUNT,
				NODES.objectNode().put("requestId", requestId).put("clientCount", 3)), null);

		assertThat(counts).containsExactly(3);
	}

	@Test
	void aMessageThatCannotBeHandledIsLoggedNotThrown() {
		RecordingAdapterContext failing = new RecordingAdapterContext("/", null) {
			@Override
			public void join(String socketId, Set<String> rooms) {
				throw new IllegalStateException("socket gone");
			}
		};
		InMemoryAdapter local = new InMemoryAdapter(failing, false);
		local.addAll("s1", Set.of("s1"));
		ClusterMessageRouter router = new ClusterMessageRouter(ME, failing, local, this.requests,
				(requester, type, data) -> {
				}, () -> ClusterObserver.NONE);
		ObjectNode join = opts("s1").set("rooms", NODES.arrayNode().add("room2"));

		assertThatNoException()
			.isThrownBy(() -> router.route(message(OTHER, "/", ClusterMessageType.SOCKETS_JOIN, join), null));
	}

	private static ClusterMessage message(String uid, String nsp, ClusterMessageType type, ObjectNode data) {
		return new ClusterMessage(uid, nsp, type, data);
	}

	private static ObjectNode broadcast(String room) {
		ObjectNode packet = NODES.objectNode().put("type", 2);
		packet.set("data", NODES.arrayNode().add("hello"));
		ObjectNode data = opts(room);
		data.set("packet", packet);
		return data;
	}

	private static ObjectNode opts(String room) {
		ObjectNode data = NODES.objectNode();
		ObjectNode opts = data.putObject("opts");
		opts.putArray("rooms").add(room);
		opts.putArray("except");
		opts.putObject("flags");
		return data;
	}

}

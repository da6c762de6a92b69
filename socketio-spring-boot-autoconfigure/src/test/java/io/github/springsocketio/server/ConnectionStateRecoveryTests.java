package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state recovery with the official JavaScript client (4.6+ sends its private session id and the offset of
 * the last event it saw when it reconnects): same socket id, rooms and data, and the events it missed, in order, with
 * their offsets; what is never replayed; when recovery does not happen.
 */
class ConnectionStateRecoveryTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private final AtomicInteger middlewareRuns = new AtomicInteger();

	private TestSocketIOServer start(ConnectionStateRecoveryOptions recovery) {
		return start(recovery, (socket) -> Mono.empty());
	}

	/**
	 * A server whose new sockets join "room" and get data; every socket is greeted with "hello" and answers "state".
	 */
	private TestSocketIOServer start(ConnectionStateRecoveryOptions recovery, ConnectMiddleware middleware) {
		return io.start((engine) -> engine, SocketIOOptions.defaults().withRecovery(recovery), (server) -> server
			.use((socket) -> {
				this.middlewareRuns.incrementAndGet();
				return middleware.apply(socket);
			})
			.onConnection(this.sockets)
			.onConnection((socket) -> {
				if (!socket.recovered()) {
					socket.join("room");
					socket.data().put("user", "alice");
				}
				socket.on("state",
						(args, ack) -> ack.send(new TreeSet<>(socket.rooms()), socket.data(), socket.recovered()));
				socket.emit("hello", socket.recovered());
			}));
	}

	private static ConnectionStateRecoveryOptions recovery(boolean skipMiddlewares) {
		return new ConnectionStateRecoveryOptions(Duration.ofMinutes(1), skipMiddlewares);
	}

	/** Connects, waits for the greeting (so the client holds an offset), then cuts the connection. */
	private JsClient connectThenCut(TestSocketIOServer server, String... transports) {
		JsClient client = io.js(server, "/", ClientOptions.transports(transports));
		String id = client.awaitConnect();
		client.awaitEvent("hello");
		client.cut();
		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
		client.awaitDisconnect();
		return client;
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void aClientCutOffGetsItsSocketRoomsDataAndTheEventsItMissedInOrderWithTheirOffsets(String transport) {
		TestSocketIOServer server = start(recovery(true));
		JsClient client = io.js(server, "/", ClientOptions.transports(transport));
		String id = client.awaitConnect();
		String helloOffset = offset(client.awaitEvent("hello").args());
		server.server().emit("seen", 0);
		String seenOffset = offset(client.awaitEvent("seen").args());
		client.cut();
		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);

		server.server().to("room").emit("missed", 1);
		server.server().emit("missed", 2, Map.of("binary", Json.bytes(1, 2)));
		server.server().to(id).emit("missed", 3);
		client.reconnect();

		JsonNode connect = client.awaitConnectLine();
		assertThat(connect.get("id").asString()).isEqualTo(id);
		assertThat(connect.get("recovered").asBoolean()).isTrue();
		List<ArrayNode> missed = client.events("missed").stream().map(TestClient.Received::args).toList();
		assertThat(missed).hasSize(3);
		assertThat(missed).extracting((args) -> args.get(0).asInt()).containsExactly(1, 2, 3);
		assertThat(missed.get(1).get(1)).isEqualTo(Json.tree(Map.of("binary", Json.bytes(1, 2))));
		List<String> offsets = missed.stream().map(ConnectionStateRecoveryTests::offset).toList();
		assertThat(offsets).doesNotHaveDuplicates().doesNotContain(helloOffset, seenOffset);
		assertThat(client.events("seen")).as("what the client saw before is not sent again").hasSize(1);
		assertThat(client.awaitEvent("hello").args().get(0).asBoolean()).as("the connection handler runs again").isTrue();
		SocketIOSocket recovered = this.sockets.byId(id);
		assertThat(recovered.recovered()).isTrue();
		assertThat(recovered.rooms()).containsExactlyInAnyOrder(id, "room");
		assertThat(recovered.data()).containsEntry("user", "alice");
		assertThat(Awaits.result(client.emitWithAck("state")))
			.isEqualTo(array(List.of("room", id).stream().sorted().toList(), Map.of("user", "alice"), true));
	}

	@Test
	void eventsNotForTheSocketAndEventsThatCannotBeRecoveredAreNotReplayed() {
		TestSocketIOServer server = start(recovery(true));
		JsClient client = connectThenCut(server, "websocket");
		String id = client.id();

		server.server().to("another room").emit("not for it", "another room");
		server.server().except("room").emit("not for it", "excluded");
		server.server().asVolatile().emit("not for it", "volatile");
		server.server().to("room").asVolatile().emit("not for it", "volatile to its room");
		assertThat(Awaits.result(server.server().to("room").timeout(Duration.ofSeconds(5)).emitWithAck("not for it")))
			.as("nobody to ask").isEmpty();
		server.server().emit("missed", "the only one");
		client.reconnect();

		assertThat(client.awaitConnectLine().get("recovered").asBoolean()).isTrue();
		client.awaitEvent("hello");
		assertThat(client.events("missed")).hasSize(1);
		assertThat(client.events("not for it")).isEmpty();
		assertThat(this.sockets.byId(id).recovered()).isTrue();
	}

	@Test
	void onlyEventsWithoutAcknowledgementCarryAnOffset() {
		TestSocketIOServer server = start(recovery(true));
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		String id = client.awaitConnect();
		client.answer("question", "answer");
		SocketIOSocket socket = this.sockets.byId(id);

		Arguments answer = Awaits.result(socket.emitWithAck("question", 1));
		socket.emit("plain", 1);

		assertThat(answer.toArrayNode()).isEqualTo(array("answer"));
		assertThat(client.awaitEvent("question").args()).as("no offset on an event asking for an ack").isEqualTo(array(1));
		ArrayNode plain = client.awaitEvent("plain").args();
		assertThat(plain).hasSize(2);
		assertThat(plain.get(1).isString()).isTrue();
	}

	@Test
	void withSkipMiddlewaresARecoveredSocketDoesNotRunThemAgain() {
		TestSocketIOServer server = start(recovery(true));
		JsClient client = connectThenCut(server, "websocket");

		client.reconnect();

		assertThat(client.awaitConnectLine().get("recovered").asBoolean()).isTrue();
		assertThat(this.middlewareRuns).hasValue(1);
	}

	@Test
	void withoutSkipMiddlewaresARecoveredSocketRunsThemAgain() {
		TestSocketIOServer server = start(recovery(false));
		JsClient client = connectThenCut(server, "websocket");
		server.server().emit("missed", 1);

		client.reconnect();

		assertThat(client.awaitConnectLine().get("recovered").asBoolean()).isTrue();
		assertThat(client.awaitEvent("missed").args().get(0).asInt()).isEqualTo(1);
		assertThat(this.middlewareRuns).hasValue(2);
	}

	@Test
	void aMiddlewareRefusingARecoveringClientSendsItNothingItMissed() {
		TestSocketIOServer server = start(recovery(false), (socket) -> (this.middlewareRuns.get() > 1)
				? Mono.error(new ConnectionRefusedException("refused on return")) : Mono.empty());
		RawPollingClient first = io.polling(server);
		first.handshake();
		first.post("40");
		List<String> packets = first.poll();
		if (packets.size() == 1) {
			packets = List.of(packets.get(0), first.poll().get(0));
		}
		String pid = Json.parse(packets.get(0).substring(2)).get("pid").asString();
		String offset = offset((ArrayNode) Json.parse(packets.get(1).substring(2)));
		String id = Json.parse(packets.get(0).substring(2)).get("sid").asString();
		first.post("1");
		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
		server.server().emit("missed", "must not leak");

		RawPollingClient second = io.polling(server);
		second.handshake();
		second.post("40{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");

		assertThat(second.poll()).containsExactly("44{\"message\":\"refused on return\"}");
	}

	@Test
	void anExpiredSessionGivesANewSocket() {
		TestSocketIOServer server = start(new ConnectionStateRecoveryOptions(Duration.ofMillis(300), true));
		JsClient client = connectThenCut(server, "websocket");
		String id = client.id();
		long disconnected = System.currentTimeMillis();
		await().atMost(Awaits.TIMEOUT).until(() -> System.currentTimeMillis() - disconnected > 600);

		client.reconnect();

		JsonNode connect = client.awaitConnectLine();
		assertThat(connect.get("recovered").asBoolean()).isFalse();
		assertThat(connect.get("id").asString()).isNotEqualTo(id);
		Handshake handshake = this.sockets.byId(connect.get("id").asString()).handshake();
		assertThat(handshake.auth().has("pid")).as("the auth holds what the client sent").isTrue();
		assertThat(handshake.auth().has("offset")).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anUnknownSessionGivesANewSocketWithTheAuthAsSent(ClientKind kind) {
		TestSocketIOServer server = start(recovery(true));

		Map<String, String> auth = Map.of("pid", "unknown-pid", "offset", "1", "token", "t");

		String id = io.client(kind, server, "/", ClientOptions.auth(auth)).awaitConnect();

		SocketIOSocket socket = this.sockets.byId(id);
		assertThat(socket.recovered()).isFalse();
		assertThat(socket.handshake().auth()).isEqualTo(Json.tree(auth));
		assertThat(socket.rooms()).containsExactlyInAnyOrder(id, "room");
	}

	@Test
	void recoveryIsOneShot() {
		TestSocketIOServer server = start(recovery(true));
		JsClient client = io.js(server, "/", ClientOptions.transports("websocket"));
		String id = client.awaitConnect();
		String offset = offset(client.awaitEvent("hello").args());
		String pid = this.sockets.byId(id).pid();
		client.cut();
		this.sockets.awaitDisconnect(id);
		client.reconnect();
		assertThat(client.awaitConnectLine().get("recovered").asBoolean()).isTrue();
		client.awaitEvent("hello");

		RawPollingClient replay = io.polling(server);
		replay.handshake();
		replay.post("40{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");

		JsonNode reply = Json.parse(replay.poll().get(0).substring(2));
		assertThat(reply.get("sid").asString()).isNotEqualTo(id);
		assertThat(reply.get("pid").asString()).isNotEqualTo(pid);
		assertThat(this.sockets.byId(id).connected()).isTrue();
	}

	@Test
	void aSocketThatLeftOnPurposeIsNotRecovered() {
		TestSocketIOServer server = start(recovery(true));
		JsClient leaving = io.js(server, "/", ClientOptions.transports("websocket"));
		String leavingId = leaving.awaitConnect();
		leaving.awaitEvent("hello");
		JsClient sent = io.js(server, "/", ClientOptions.transports("websocket"));
		String sentId = sent.awaitConnect();
		sent.awaitEvent("hello");

		leaving.disconnect();
		this.sockets.byId(sentId).disconnect();
		assertThat(this.sockets.awaitDisconnect(leavingId)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(sent.awaitDisconnect()).isEqualTo("io server disconnect");
		leaving.reconnect();
		sent.reconnect();

		JsonNode again = leaving.awaitConnectLine();
		assertThat(again.get("recovered").asBoolean()).isFalse();
		assertThat(again.get("id").asString()).isNotEqualTo(leavingId);
		JsonNode sentAgain = sent.awaitConnectLine();
		assertThat(sentAgain.get("recovered").asBoolean()).isFalse();
		assertThat(sentAgain.get("id").asString()).isNotEqualTo(sentId);
	}

	private static String offset(ArrayNode args) {
		JsonNode last = args.get(args.size() - 1);
		assertThat(last.isString()).as("an offset ends %s", args).isTrue();
		return last.asString();
	}

}

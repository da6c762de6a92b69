package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

import static io.github.springsocketio.server.Json.array;
import static io.github.springsocketio.server.Json.binary;
import static io.github.springsocketio.server.Json.bytes;
import static io.github.springsocketio.server.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Events and acknowledgements both ways, binary at any depth, catch-all listeners and reserved names, with both
 * official clients. Acknowledgement timeouts: {@link SocketTimeoutTests}.
 */
class MessagingTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final EventLog<Arguments> received = new EventLog<>("server received");

	private final ServerSockets sockets = new ServerSockets();

	/** A server whose sockets record "message" and echo "echo" (by ack if asked, else by event). */
	private TestSocketIOServer echoServer() {
		return io.start((server) -> server.onConnection((socket) -> {
			this.sockets.accept(socket);
			socket.on("message", (args, ack) -> this.received.add(args));
			socket.on("echo", (args, ack) -> {
				if (ack.requested()) {
					ack.send(args.toArray());
				}
				else {
					socket.emit("echo", args.toArray());
				}
			});
		}));
	}

	private TestClient connect(ClientKind kind, TestSocketIOServer server) {
		TestClient client = io.client(kind, server);
		client.awaitConnect();
		return client;
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anEventFromTheClientReachesItsHandlerWithItsArguments(ClientKind kind) {
		TestClient client = connect(kind, echoServer());

		client.emit("message", 1, "2", Map.of("3", List.of(false)), null, "héllo ✓");

		Arguments args = this.received.next((a) -> true, Awaits.TIMEOUT, "message");
		assertThat(args.toArrayNode()).isEqualTo(parse("[1,\"2\",{\"3\":[false]},null,\"héllo ✓\"]"));
		assertThat(args.get(0, Integer.class)).isEqualTo(1);
		assertThat(args.text(1)).isEqualTo("2");
		assertThat(args.get(2, Map.class)).isEqualTo(Map.of("3", List.of(false)));
		assertThat(args.get(3, String.class)).isNull();
		assertThat(args.node(9).isMissingNode()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anEventFromTheServerReachesTheClientWithItsArguments(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> s.onConnection(
				(socket) -> socket.emit("welcome", "hello", Map.of("unread", 3), List.of(1, "two", true), null)));

		TestClient client = io.client(kind, server);

		assertThat(client.awaitEvent("welcome").args())
			.isEqualTo(parse("[\"hello\",{\"unread\":3},[1,\"two\",true],null]"));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void eventsArriveInTheOrderTheyWereSentBothWays(ClientKind kind) {
		TestClient client = connect(kind, echoServer());

		for (int i = 0; i < 30; i++) {
			client.emit("echo", i);
		}

		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			order.add(client.awaitEvent("echo").args().get(0).asInt());
		}
		assertThat(order).isSorted().hasSize(30).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theClientGetsTheAcknowledgementOfItsEventWithEveryArgument(ClientKind kind) {
		TestClient client = connect(kind, echoServer());

		ArrayNode answer = Awaits.result(client.emitWithAck("echo", 1, "2", Map.of("3", List.of(false))));

		assertThat(answer).isEqualTo(parse("[1,\"2\",{\"3\":[false]}]"));
		assertThat(Awaits.result(client.emitWithAck("echo"))).as("an acknowledgement without arguments").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void onlyTheFirstAcknowledgementOfAnEventIsSent(ClientKind kind) {
		List<Boolean> requested = new CopyOnWriteArrayList<>();
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> socket.on("twice", (args, ack) -> {
			requested.add(ack.requested());
			ack.send("first");
			ack.send("second");
		})));
		TestClient client = connect(kind, server);

		assertThat(Awaits.result(client.emitWithAck("twice"))).isEqualTo(array("first"));
		assertThat(Awaits.result(client.emitWithAck("twice"))).isEqualTo(array("first"));
		client.emit("twice");
		assertThat(Awaits.result(client.emitWithAck("twice"))).isEqualTo(array("first"));
		assertThat(requested).containsExactly(true, true, false, true);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theServerGetsTheClientsAcknowledgementWithEveryArgument(ClientKind kind) {
		TestClient client = connect(kind, echoServer());
		client.answer("question", "a", 2, Map.of("c", true));
		SocketIOSocket socket = this.sockets.next();

		Arguments answer = Awaits.result(socket.emitWithAck("question", 1));

		assertThat(answer.toArrayNode()).isEqualTo(parse("[\"a\",2,{\"c\":true}]"));
		TestClient.Received question = client.awaitEvent("question");
		assertThat(question.args()).isEqualTo(array(1));
		assertThat(question.ackRequested()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anEventWithAcknowledgementIsSentWhenSubscribedAndAgainOnEachSubscription(ClientKind kind) {
		TestClient client = connect(kind, echoServer());
		client.answer("question", "yes");
		SocketIOSocket socket = this.sockets.next();

		Mono<Arguments> question = socket.emitWithAck("question", 1);
		socket.emit("fence");
		client.awaitEvent("fence");
		assertThat(client.events("question")).as("before subscribing").isEmpty();

		assertThat(Awaits.result(question).text(0)).isEqualTo("yes");
		assertThat(Awaits.result(question).text(0)).isEqualTo("yes");
		// the client's record of an event may come after its answer reached the server
		await().untilAsserted(() -> assertThat(client.events("question")).hasSize(2));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void cancellingAnEventWithAcknowledgementStopsTheWait(ClientKind kind) {
		TestClient client = connect(kind, echoServer());
		SocketIOSocket socket = this.sockets.next();

		Disposable waiting = socket.emitWithAck("question").subscribe();
		client.awaitEvent("question");
		assertThat(socket.namespace().pendingAcks()).hasValue(1);
		waiting.dispose();

		assertThat(socket.namespace().pendingAcks()).hasValue(0);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void binaryFromTheClientArrivesInPlaceAtAnyDepthAndGoesBackAsBinary(ClientKind kind) {
		TestClient client = connect(kind, echoServer());
		Object[] args = { bytes(1, 2, 3), Map.of("nested", List.of(bytes(4), Map.of("deeper", bytes(5, 6)))), "text",
				bytes(0xff, 0) };

		ArrayNode answer = Awaits.result(client.emitWithAck("echo", args));
		client.emit("message", args);

		assertThat(answer).isEqualTo(array(args));
		Arguments received = this.received.next((a) -> true, Awaits.TIMEOUT, "message");
		assertThat(received.bytes(0)).containsExactly(1, 2, 3);
		assertThat(received.node(1).get("nested").get(0)).isEqualTo(binary(4));
		assertThat(received.node(1).get("nested").get(1).get("deeper")).isEqualTo(binary(5, 6));
		assertThat(received.text(2)).isEqualTo("text");
		assertThat(received.get(3, byte[].class)).containsExactly(0xff, 0);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void binaryFromTheServerArrivesInPlaceWithSeveralAttachmentsInOrder(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> socket.emit("binary", bytes(1),
				Map.of("list", List.of(bytes(2), bytes(3, 3)), "text", "x"), bytes(4, 4, 4), "after")));

		TestClient client = io.client(kind, server);

		assertThat(client.awaitEvent("binary").args()).isEqualTo(array(bytes(1),
				Map.of("list", List.of(bytes(2), bytes(3, 3)), "text", "x"), bytes(4, 4, 4), "after"));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anEmptyByteArrayStaysBinaryBothWays(ClientKind kind) {
		TestClient client = connect(kind, echoServer());

		ArrayNode answer = Awaits.result(client.emitWithAck("echo", bytes(), Map.of("empty", bytes())));

		assertThat(answer).isEqualTo(array(bytes(), Map.of("empty", bytes())));
		assertThat(answer.get(0).isBinary()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void binaryAcknowledgementsGoBothWays(ClientKind kind) {
		TestClient client = connect(kind, echoServer());
		client.answer("question", bytes(9, 8), Map.of("more", bytes(7)));
		SocketIOSocket socket = this.sockets.next();

		Arguments answer = Awaits.result(socket.emitWithAck("question", bytes(1)));

		assertThat(answer.bytes(0)).containsExactly(9, 8);
		assertThat(answer.node(1).get("more")).isEqualTo(binary(7));
		assertThat(client.awaitEvent("question").args()).isEqualTo(array(bytes(1)));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void catchAllListenersSeeEveryIncomingEventBeforeItsHandlers(ClientKind kind) {
		List<String> seen = new CopyOnWriteArrayList<>();
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			socket.onAny((event, args) -> seen.add("any " + event + " " + args));
			socket.on("handled", (args, ack) -> {
				seen.add("handler " + args);
				ack.send();
			});
		}));
		TestClient client = connect(kind, server);

		client.emit("unhandled", 1, "x");
		Awaits.result(client.emitWithAck("handled", true));

		assertThat(seen).containsExactly("any unhandled [1,\"x\"]", "any handled [true]", "handler [true]");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void outgoingCatchAllListenersSeeEveryEventSentToTheClient(ClientKind kind) {
		List<String> seen = new CopyOnWriteArrayList<>();
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			socket.onAnyOutgoing((event, args) -> seen.add(event + " " + args));
			socket.on("go", (args, ack) -> {
				socket.emit("direct", 1);
				s.emit("broadcast", "all");
				ack.send("acknowledgements are not events");
			});
		}));
		TestClient client = connect(kind, server);

		Awaits.result(client.emitWithAck("go"));

		client.awaitEvent("direct");
		client.awaitEvent("broadcast");
		assertThat(seen).containsExactly("direct [1]", "broadcast [\"all\"]");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void everyHandlerOfAnEventRunsAndOneCanBeRemoved(ClientKind kind) {
		List<String> calls = new CopyOnWriteArrayList<>();
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			EventHandler removed = (args, ack) -> calls.add("removed");
			socket.on("event", (args, ack) -> calls.add("first"));
			socket.on("event", removed);
			socket.on("event", (args, ack) -> {
				calls.add("last");
				ack.send();
			});
			socket.off("event", removed);
		}));
		TestClient client = connect(kind, server);

		Awaits.result(client.emitWithAck("event"));

		assertThat(calls).containsExactly("first", "last");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aHandlerThatFailsIsReportedToTheErrorListenersAndTheSocketStaysConnected(ClientKind kind) {
		EventLog<Throwable> errors = new EventLog<>("errors");
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			socket.onError(errors::add);
			socket.on("fail", (args, ack) -> {
				throw new IllegalStateException("handler failed");
			});
			socket.on("echo", (args, ack) -> ack.send(args.toArray()));
		}));
		TestClient client = connect(kind, server);

		client.emit("fail");

		assertThat(errors.next((e) -> true, Awaits.TIMEOUT, "error")).hasMessage("handler failed");
		assertThat(Awaits.result(client.emitWithAck("echo", "still connected"))).isEqualTo(array("still connected"));
	}

	@Test
	void reservedEventNamesCannotBeEmittedByTheServer() {
		TestSocketIOServer server = echoServer();
		TestClient client = connect(ClientKind.JAVASCRIPT, server);
		SocketIOSocket socket = this.sockets.next();
		SocketIOServer io = server.server();

		for (String name : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
				"removeListener")) {
			assertThatIllegalArgumentException().isThrownBy(() -> socket.emit(name)).withMessageContaining(name);
			assertThatIllegalArgumentException().isThrownBy(() -> socket.emitWithAck(name));
			assertThatIllegalArgumentException().isThrownBy(() -> socket.broadcast().emit(name));
			assertThatIllegalArgumentException().isThrownBy(() -> io.emit(name));
			assertThatIllegalArgumentException().isThrownBy(() -> io.to(socket.id()).emit(name));
		}
		socket.emit("fence");

		client.awaitEvent("fence");
		assertThat(io.defaultNamespace().sockets()).containsKey(socket.id());
	}

	@Test
	void aClientSendingAReservedEventNameIsDisconnectedForBreakingTheProtocol() {
		TestSocketIOServer server = echoServer();
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		String id = client.awaitConnect();

		client.sendRaw("2[\"disconnect\"]");

		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(client.awaitDisconnect()).isEqualTo("transport close");
	}

	@Test
	void aNumericEventNameReachesTheHandlerOfItsDecimalName() {
		TestSocketIOServer server = io.start((s) -> s.onConnection(
				(socket) -> socket.on("123", (args, ack) -> this.received.add(args))));
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		client.awaitConnect();

		client.sendRaw("2[123,\"x\"]");

		assertThat(this.received.next((a) -> true, Awaits.TIMEOUT, "123").toArrayNode()).isEqualTo(array("x"));
	}

	@Test
	void anAcknowledgementWithAnUnknownIdIsIgnored() {
		TestSocketIOServer server = echoServer();
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		client.awaitConnect();

		client.sendRaw("3999[1]");

		assertThat(Awaits.result(client.emitWithAck("echo", "still connected"))).isEqualTo(array("still connected"));
		assertThat(this.sockets.next().connected()).isTrue();
	}

}

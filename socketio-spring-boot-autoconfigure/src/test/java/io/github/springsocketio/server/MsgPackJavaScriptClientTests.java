package io.github.springsocketio.server;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server with the msgpack parser serves socket.io-client 4.8 configured with socket.io-msgpack-parser 3.x, over
 * WebSocket alone and HTTP long-polling alone: events and acknowledgements both ways with binary inline, namespaces
 * with auth, middleware refusals and unknown namespaces, and broadcasts to rooms.
 */
class MsgPackJavaScriptClientTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private static final ObjectNode MSGPACK = JsonNodeFactory.instance.objectNode().put("parser", "msgpack");

	private final EventLog<Arguments> received = new EventLog<>("server received");

	private TestSocketIOServer server() {
		return io.start(ParserType.MSGPACK, (server) -> {
			server.onConnection((socket) -> {
				socket.join("news");
				socket.on("echo", (args, ack) -> ack.send(args.toArray()));
				socket.on("record", (args, ack) -> this.received.add(args));
				socket.on("ask-me", (args, ack) -> socket.emitWithAck("question", "what?", new byte[] { 4, 2 })
					.subscribe((answer) -> socket.emit("answered", answer.toArray())));
				socket.on("shout", (args, ack) -> server.to("news").emit("news", args.node(0), new byte[] { 9 }, 300));
			});
			server.of("/admin")
				.use((socket) -> "secret".equals(socket.handshake().auth("token")) ? Mono.empty()
						: Mono.error(new ConnectionRefusedException("not authorized", Map.of("code", 42))))
				.onConnection((socket) -> socket.on("whoami", (args, ack) -> ack.send(socket.namespace().name())));
		});
	}

	private JsClient connect(TestSocketIOServer server, String namespace, ClientOptions options) {
		JsClient client = io.js(server, namespace, options, MSGPACK);
		client.awaitConnect();
		return client;
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void eventsAndAcknowledgementsCarryValuesAndBinaryBothWays(String transport) {
		TestSocketIOServer server = server();
		JsClient client = connect(server, "/", ClientOptions.transports(transport));

		ArrayNode echoed = Awaits.result(client.emitWithAck("echo", "héllo", 1.5, 1L << 40, -200, null,
				Map.of("nested", List.of(new byte[] { 1, 2, 3 })), new byte[] { 5 }));
		client.emit("record", new byte[] { 7, 8 }, Map.of("n", 300));

		assertThat(echoed.get(0).asString()).isEqualTo("héllo");
		assertThat(echoed.get(1).asDouble()).isEqualTo(1.5);
		assertThat(echoed.get(2).asLong()).isEqualTo(1L << 40);
		assertThat(echoed.get(3).asInt()).isEqualTo(-200);
		assertThat(echoed.get(4).isNull()).isTrue();
		assertThat(echoed.at("/5/nested/0").binaryValue()).containsExactly(1, 2, 3);
		assertThat(echoed.get(6).binaryValue()).containsExactly(5);
		Arguments recorded = this.received.next((args) -> true, Awaits.TIMEOUT, "record");
		assertThat(recorded.get(0, byte[].class)).containsExactly(7, 8);
		assertThat(recorded.node(1).get("n").asInt()).isEqualTo(300);
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void theServerAsksTheClientAndGetsItsAnswer(String transport) {
		JsClient client = connect(server(), "/", ClientOptions.transports(transport));
		client.answer("question", "answer", new byte[] { 6 });

		client.emit("ask-me");

		JsonNode answered = client.awaitEvent("answered").args();
		assertThat(answered.get(0).asString()).isEqualTo("answer");
		assertThat(answered.get(1).binaryValue()).containsExactly(6);
		assertThat(client.events("question")).singleElement()
			.satisfies((question) -> assertThat(question.args().get(1).binaryValue()).containsExactly(4, 2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void namespacesWithAuthMiddlewareRefusalsAndUnknownNamespaces(String transport) {
		TestSocketIOServer server = server();
		ClientOptions options = ClientOptions.transports(transport);

		JsClient admin = connect(server, "/admin", options.withAuth(Map.of("token", "secret")));
		JsClient refused = io.js(server, "/admin", options.withAuth(Map.of("token", "bad")), MSGPACK);
		JsClient unknown = io.js(server, "/nope", options, MSGPACK);

		assertThat(Awaits.result(admin.emitWithAck("whoami")).get(0).asString()).isEqualTo("/admin");
		ObjectNode error = refused.awaitConnectError();
		assertThat(error.get("message").asString()).isEqualTo("not authorized");
		assertThat(error.at("/data/code").asInt()).isEqualTo(42);
		assertThat(unknown.awaitConnectError().get("message").asString()).isEqualTo("Invalid namespace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void aBroadcastWithBinaryReachesEveryClientOfTheRoom(String transport) {
		TestSocketIOServer server = server();
		JsClient first = connect(server, "/", ClientOptions.transports(transport));
		JsClient second = connect(server, "/", ClientOptions.transports("websocket"));
		JsClient third = connect(server, "/", ClientOptions.transports("polling"));

		first.emit("shout", "srv");

		for (JsClient client : List.of(first, second, third)) {
			JsonNode news = client.awaitEvent("news").args();
			assertThat(news.get(0).asString()).isEqualTo("srv");
			assertThat(news.get(1).binaryValue()).containsExactly(9);
			assertThat(news.get(2).asInt()).isEqualTo(300);
		}
	}

}

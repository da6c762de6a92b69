package io.github.springsocketio.server;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maxHttpBufferSize} with the JavaScript client on each transport: a message exactly at the limit goes
 * through; one byte more closes that client's connection, and every other client is served on.
 */
class SizeLimitTests {

	private static final int LIMIT = 10_000;

	/** What the event adds around its text on the wire: {@code 42["big","} and {@code "]}. */
	private static final int FRAMING = "42[\"big\",\"\"]".length();

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private final EventLog<Integer> received = new EventLog<>("received lengths");

	private TestSocketIOServer start() {
		return io.start((engine) -> engine.maxHttpBufferSize(LIMIT),
				(server) -> server.onConnection(this.sockets).onConnection((socket) -> {
					socket.on("big", (args, ack) -> this.received.add(args.text(0).length()));
					socket.on("echo", (args, ack) -> ack.send(args.toArray()));
				}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void aMessageExactlyAtTheLimitGoesThrough(String transport) {
		TestSocketIOServer server = start();
		JsClient client = io.js(server, "/", ClientOptions.transports(transport));
		String id = client.awaitConnect();

		client.emit("big", "x".repeat(LIMIT - FRAMING));

		assertThat(this.received.next((length) -> true, Awaits.TIMEOUT, "big")).isEqualTo(LIMIT - FRAMING);
		assertThat(Awaits.result(client.emitWithAck("echo", "still connected"))).isEqualTo(array("still connected"));
		assertThat(this.sockets.byId(id).connected()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void aMessageOneByteOverTheLimitClosesOnlyThatClient(String transport) {
		TestSocketIOServer server = start();
		JsClient offender = io.js(server, "/", ClientOptions.transports(transport));
		String offenderId = offender.awaitConnect();
		TestClient bystander = io.client(ClientKind.JAVA, server, "/", ClientOptions.transports(transport));
		String bystanderId = bystander.awaitConnect();

		offender.emit("big", "x".repeat(LIMIT - FRAMING + 1));

		assertThat(offender.awaitDisconnect())
			.isEqualTo(transport.equals("polling") ? "transport error" : "transport close");
		this.sockets.awaitDisconnect(offenderId);
		String large = "x".repeat(LIMIT - 100);
		assertThat(Awaits.result(bystander.emitWithAck("echo", large))).isEqualTo(array(large));
		assertThat(server.server().defaultNamespace().sockets()).containsOnlyKeys(bystanderId);
	}

}

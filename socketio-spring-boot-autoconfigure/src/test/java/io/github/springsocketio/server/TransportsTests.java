package io.github.springsocketio.server;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.engine.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.springsocketio.server.Json.array;
import static io.github.springsocketio.server.Json.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket.IO over each transport the official clients use: HTTP long-polling only, WebSocket only, and the default
 * polling then upgrade to WebSocket, with nothing lost while the upgrade is under way.
 */
class TransportsTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private TestSocketIOServer start() {
		return io.start((server) -> server.onConnection(this.sockets).onConnection(TransportsTests::handlers));
	}

	private static void handlers(SocketIOSocket socket) {
		socket.on("echo", (args, ack) -> ack.send(args.toArray()));
		socket.on("burst", (args, ack) -> {
			for (int i = 0; i < args.get(0, Integer.class); i++) {
				socket.emit("numbered", i);
			}
		});
	}

	private static void assertRoundTrips(TestClient client) {
		Object[] args = { "text ✓", 42, Map.of("nested", List.of(bytes(1, 2, 3))), bytes(0xff) };
		assertThat(Awaits.result(client.emitWithAck("echo", args))).isEqualTo(array(args));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aPollingOnlyClientStaysOnPolling(ClientKind kind) {
		TestSocketIOServer server = start();
		TestClient client = io.client(kind, server, "/", ClientOptions.transports("polling"));
		String id = client.awaitConnect();

		assertRoundTrips(client);
		assertRoundTrips(client);

		assertThat(this.sockets.byId(id).transport()).isEqualTo(Transport.POLLING);
		assertThat(this.sockets.byId(id).handshake().query()).containsEntry("transport", "polling");
		if (client instanceof JsClient js) {
			assertThat(js.lines("upgrade")).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aWebSocketOnlyClientUsesWebSocketFromTheStart(ClientKind kind) {
		TestSocketIOServer server = start();
		TestClient client = io.client(kind, server, "/", ClientOptions.transports("websocket"));
		String id = client.awaitConnect();

		assertRoundTrips(client);

		assertThat(this.sockets.byId(id).transport()).isEqualTo(Transport.WEBSOCKET);
		assertThat(this.sockets.byId(id).handshake().query()).containsEntry("transport", "websocket");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aDefaultClientUpgradesToWebSocketWithoutLosingAnything(ClientKind kind) {
		TestSocketIOServer server = start();
		TestClient client = io.client(kind, server, "/", ClientOptions.transports("polling", "websocket"));
		String id = client.awaitConnect();

		client.emit("burst", 200);

		for (int i = 0; i < 200; i++) {
			assertThat(client.awaitEvent("numbered").args().get(0).asInt()).isEqualTo(i);
		}
		SocketIOSocket socket = this.sockets.byId(id);
		await().atMost(Awaits.TIMEOUT).until(() -> socket.transport() == Transport.WEBSOCKET);
		assertRoundTrips(client);
		assertThat(socket.handshake().query()).as("the handshake is the first request's")
			.containsEntry("transport", "polling");
		if (client instanceof JsClient js) {
			assertThat(js.awaitLine("upgrade").get("transport").asString()).isEqualTo("websocket");
		}
	}

	@Test
	void aServerThatDoesNotAllowUpgradesKeepsClientsOnPolling() {
		TestSocketIOServer server = io.start((engine) -> engine.allowUpgrades(false),
				(s) -> s.onConnection(this.sockets).onConnection(TransportsTests::handlers));
		JsClient client = io.js(server, "/", ClientOptions.transports("polling", "websocket"));
		String id = client.awaitConnect();

		assertRoundTrips(client);

		assertThat(this.sockets.byId(id).transport()).isEqualTo(Transport.POLLING);
		assertThat(client.lines("upgrade")).isEmpty();
	}

	@Test
	void aServerOfferingOnlyWebSocketServesWebSocketClientsAndRefusesPollingOnes() {
		TestSocketIOServer server = io.start((engine) -> engine.transports(EnumSet.of(Transport.WEBSOCKET)),
				(s) -> s.onConnection(this.sockets).onConnection(TransportsTests::handlers));

		JsClient webSocket = io.js(server, "/", ClientOptions.transports("websocket"));
		JsClient polling = io.js(server, "/", ClientOptions.transports("polling"));

		webSocket.awaitConnect();
		assertRoundTrips(webSocket);
		assertThat(polling.awaitConnectError().get("message").asString()).isNotEmpty();
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
	}

}

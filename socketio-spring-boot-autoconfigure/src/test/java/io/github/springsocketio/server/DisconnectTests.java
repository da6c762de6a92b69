package io.github.springsocketio.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Every way a socket leaves its namespace that a client can cause, with the reason the server reports (the exact
 * strings of the reference) and what the client sees.
 */
class DisconnectTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private TestSocketIOServer start() {
		return io.start((s) -> {
			s.onConnection(this.sockets).onConnection(DisconnectTests::echo);
			s.of("/a").onConnection(this.sockets).onConnection(DisconnectTests::echo);
		});
	}

	private static void echo(SocketIOSocket socket) {
		socket.on("echo", (args, ack) -> ack.send(args.toArray()));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aClientLeavingTheNamespaceIsAClientNamespaceDisconnect(ClientKind kind) {
		TestClient client = io.client(kind, start());
		String id = client.awaitConnect();

		client.disconnect();

		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT)
			.hasToString("client namespace disconnect");
		assertThat(client.awaitDisconnect()).isEqualTo("io client disconnect");
	}

	@Test
	void aClientLeavingRightAfterItsUpgradeIsStillAClientNamespaceDisconnect() {
		TestSocketIOServer server = start();
		// The client's DISCONNECT waits for the upgrade, then leaves on the new WebSocket right behind the upgrade
		// packet and before the close frame: the server must handle all three in order. The window is narrow, so try
		// several times.
		for (int i = 0; i < 5; i++) {
			JsClient client = io.js(server, "/", ClientOptions.transports("polling", "websocket"));
			String id = client.awaitConnect();

			client.disconnect();

			assertThat(this.sockets.awaitDisconnect(id)).as("attempt %d", i)
				.isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		}
		await().atMost(Awaits.TIMEOUT).until(() -> server.server().engine().sessionCount() == 0);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theServerDisconnectingASocketIsAServerNamespaceDisconnectAndKeepsTheConnection(ClientKind kind) {
		TestSocketIOServer server = start();
		TestClient main = io.client(kind, server);
		String mainId = main.awaitConnect();
		TestClient a = main.socket("/a", ClientOptions.defaults());
		String aId = a.awaitConnect();

		this.sockets.byId(aId).disconnect();

		assertThat(a.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(this.sockets.awaitDisconnect(aId)).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT)
			.hasToString("server namespace disconnect");
		assertThat(Awaits.result(main.emitWithAck("echo", "still here"))).isEqualTo(array("still here"));
		assertThat(this.sockets.byId(mainId).connected()).isTrue();
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theServerDisconnectingASocketForItsExpiredCredentialsGivesThatReasonAndTheClientTheUsualOne(ClientKind kind) {
		TestSocketIOServer server = start();
		TestClient main = io.client(kind, server);
		String mainId = main.awaitConnect();

		this.sockets.byId(mainId).disconnect(DisconnectReason.CREDENTIALS_EXPIRED);

		assertThat(main.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(this.sockets.awaitDisconnect(mainId)).isEqualTo(DisconnectReason.CREDENTIALS_EXPIRED)
			.hasToString("credentials expired");
	}

	@Test
	void theServerCannotDisconnectASocketForAReasonOfTheClientsOrTheTransports() {
		TestClient main = io.client(ClientKind.JAVA, start());
		SocketIOSocket socket = this.sockets.byId(main.awaitConnect());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> socket.disconnect(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT));
		assertThatIllegalArgumentException().isThrownBy(() -> socket.disconnect(DisconnectReason.PING_TIMEOUT));
		assertThat(socket.connected()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void disconnectingWithCloseDisconnectsEveryNamespaceThenClosesTheConnection(ClientKind kind) {
		TestSocketIOServer server = start();
		TestClient main = io.client(kind, server);
		String mainId = main.awaitConnect();
		TestClient a = main.socket("/a", ClientOptions.defaults());
		String aId = a.awaitConnect();

		this.sockets.byId(aId).disconnect(true);

		assertThat(main.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(a.awaitDisconnect()).isEqualTo("io server disconnect");
		assertThat(this.sockets.awaitDisconnect(mainId)).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(this.sockets.awaitDisconnect(aId)).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		await().atMost(Awaits.TIMEOUT).until(() -> server.server().engine().sessionCount() == 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void aClientClosingItsConnectionIsATransportClose(String transport) {
		TestSocketIOServer server = start();
		JsClient client = io.js(server, "/", ClientOptions.transports(transport));
		String id = client.awaitConnect();
		TestClient a = client.socket("/a", ClientOptions.defaults());
		String aId = a.awaitConnect();

		client.cut();

		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE)
			.hasToString("transport close");
		assertThat(this.sockets.awaitDisconnect(aId)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
		client.awaitDisconnect();
		await().atMost(Awaits.TIMEOUT).until(() -> server.server().engine().sessionCount() == 0);
	}

	@Test
	void aClientThatStopsAnsweringPingsIsAPingTimeout() {
		TestSocketIOServer server = io.start(
				(engine) -> engine.pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(700)),
				(s) -> s.onConnection(this.sockets));
		JsClient client = io.js(server, "/", ClientOptions.transports("websocket"));
		String id = client.awaitConnect();

		client.stopAnsweringPings();

		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.PING_TIMEOUT)
			.hasToString("ping timeout");
		client.awaitDisconnect();
	}

	@Test
	void twoConcurrentPollsAreATransportError() {
		TestSocketIOServer server = start();
		RawPollingClient client = io.polling(server);
		client.handshake();
		client.post("40");
		String id = Json.parse(client.poll().get(0).substring(2)).get("sid").asString();

		CompletableFuture<HttpResponse<String>> first = client.pollAsync();
		CompletableFuture<HttpResponse<String>> second = client.pollAsync();

		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.TRANSPORT_ERROR)
			.hasToString("transport error");
		assertThat(List.of(Awaits.result(first).statusCode(), Awaits.result(second).statusCode())).contains(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2{}", "2abc[\"x\"]", "2[]", "2[\"disconnect\"]", "2", "0\"hello\"", "0[1]", "abc",
			"50-[\"message\"]", "511-[\"message\"]", "2/not-joined,[\"x\"]", "1{}", "31{}" })
	void aMalformedPacketIsAParseErrorThatClosesOnlyItsConnection(String packet) {
		TestSocketIOServer server = start();
		JsClient offender = io.js(server, "/", ClientOptions.defaults());
		String offenderId = offender.awaitConnect();
		TestClient bystander = io.client(ClientKind.JAVA, server);
		String bystanderId = bystander.awaitConnect();

		offender.sendRaw(packet);

		assertThat(this.sockets.awaitDisconnect(offenderId)).isEqualTo(DisconnectReason.PARSE_ERROR)
			.hasToString("parse error");
		assertThat(offender.awaitDisconnect()).isEqualTo("transport close");
		assertThat(Awaits.result(bystander.emitWithAck("echo", "unaffected"))).isEqualTo(array("unaffected"));
		assertThat(server.server().defaultNamespace().sockets()).containsOnlyKeys(bystanderId);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void disconnectingListenersStillSeeTheRoomsAndDisconnectListenersSeeThemLeft(ClientKind kind) {
		Map<String, Set<String>> seen = new ConcurrentHashMap<>();
		Map<String, DisconnectReason> reasons = new ConcurrentHashMap<>();
		TestSocketIOServer server = io.start((s) -> s.onConnection(this.sockets).onConnection((socket) -> {
			socket.join("room1", "room2");
			socket.onDisconnecting((reason) -> {
				seen.put("disconnecting", socket.rooms());
				reasons.put("disconnecting", reason);
			});
			socket.onDisconnect((reason) -> {
				seen.put("disconnect", socket.rooms());
				reasons.put("disconnect", reason);
			});
		}));
		TestClient client = io.client(kind, server);
		String id = client.awaitConnect();

		client.disconnect();

		await().atMost(Awaits.TIMEOUT).until(() -> seen.size() == 2 && reasons.size() == 2);
		assertThat(seen.get("disconnecting")).containsExactlyInAnyOrder(id, "room1", "room2");
		assertThat(seen.get("disconnect")).isEmpty();
		assertThat(reasons).containsEntry("disconnecting", DisconnectReason.CLIENT_NAMESPACE_DISCONNECT)
			.containsEntry("disconnect", DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(server.server().defaultNamespace().adapter().rooms()).doesNotContain("room1", "room2", id);
	}

	@Test
	void closingTheServerDisconnectsEverySocketAsServerShuttingDown() {
		TestSocketIOServer server = start();
		TestClient first = io.client(ClientKind.JAVASCRIPT, server);
		// The Java client does not notice a close frame on WebSocket (it never answers it), with any server: it
		// learns of the close on polling, or from its heartbeat.
		TestClient second = io.java(server, "/", ClientOptions.transports("polling"));
		String firstId = first.awaitConnect();
		String secondId = second.awaitConnect();

		server.server().close();

		assertThat(this.sockets.awaitDisconnect(firstId)).isEqualTo(DisconnectReason.SERVER_SHUTTING_DOWN)
			.hasToString("server shutting down");
		assertThat(this.sockets.awaitDisconnect(secondId)).isEqualTo(DisconnectReason.SERVER_SHUTTING_DOWN);
		first.awaitDisconnect();
		second.awaitDisconnect();
		assertThat(server.server().isClosed()).isTrue();
	}

}

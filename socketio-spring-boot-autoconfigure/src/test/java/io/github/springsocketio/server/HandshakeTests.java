package io.github.springsocketio.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joining a namespace: the CONNECT reply and what the server keeps of the handshake, with the official clients (and a
 * hand-driven polling client where the exact bytes on the wire matter).
 */
class HandshakeTests {

	private static final String SOCKET_ID = "[A-Za-z0-9_-]{20}";

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theConnectReplyGivesTheClientItsSocketId(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));

		String id = io.client(kind, server).awaitConnect();

		SocketIOSocket socket = sockets.next();
		assertThat(id).matches(SOCKET_ID).isEqualTo(socket.id());
		assertThat(id).as("the public socket id is not the secret Engine.IO session id")
			.isNotEqualTo(socket.client.session.id());
		assertThat(socket.rooms()).as("every socket is in the room named by its id").containsExactly(id);
		assertThat(socket.recovered()).isFalse();
	}

	@Test
	void theConnectReplyHoldsOnlyTheSocketIdWhenRecoveryIsOff() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));
		RawPollingClient client = io.polling(server);
		client.handshake();

		client.post("40");

		List<String> packets = client.poll();
		assertThat(packets).hasSize(1);
		assertThat(packets.get(0)).isEqualTo("40{\"sid\":\"" + sockets.next().id() + "\"}");
	}

	@Test
	void theConnectReplyAlsoHoldsAPrivateSessionIdWhenRecoveryIsOn() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((engine) -> engine,
				SocketIOOptions.defaults().withRecovery(ConnectionStateRecoveryOptions.defaults()),
				(s) -> s.onConnection(sockets));
		RawPollingClient client = io.polling(server);
		client.handshake();

		client.post("40");

		List<String> packets = client.poll();
		assertThat(packets).hasSize(1).first().asString().startsWith("40{");
		JsonNode reply = Json.parse(packets.get(0).substring(2));
		assertThat(reply.propertyNames()).containsExactly("sid", "pid");
		assertThat(reply.get("sid").asString()).isEqualTo(sockets.next().id());
		assertThat(reply.get("pid").asString()).matches(SOCKET_ID).isNotEqualTo(reply.get("sid").asString());
	}

	@Test
	void whatTheConnectionHandlerEmitsFollowsTheConnectReplyOnTheWire() {
		TestSocketIOServer server = io
			.start((s) -> s.onConnection((socket) -> socket.emit("auth", socket.handshake().auth())));
		RawPollingClient client = io.polling(server);
		client.handshake();

		client.post("40{\"token\":\"123\"}");

		List<String> packets = client.poll();
		if (packets.size() == 1) {
			packets = List.of(packets.get(0), client.poll().get(0));
		}
		assertThat(packets.get(0)).startsWith("40{\"sid\":");
		assertThat(packets.get(1)).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theAuthPayloadOfTheConnectReachesTheHandshake(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));

		io.client(kind, server, "/", ClientOptions.auth(Map.of("token", "abc", "user", "alice"))).awaitConnect();

		Handshake handshake = sockets.next().handshake();
		assertThat(handshake.auth()).isEqualTo(Json.parse("{\"token\":\"abc\",\"user\":\"alice\"}"));
		assertThat(handshake.auth("token")).isEqualTo("abc");
		assertThat(handshake.auth("missing")).isNull();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void withoutAuthTheHandshakeAuthIsAnEmptyObject(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));

		io.client(kind, server).awaitConnect();

		assertThat(sockets.next().handshake().auth()).isEqualTo(Json.parse("{}"));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theHandshakeDescribesTheFirstRequestOfTheConnection(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));
		long before = System.currentTimeMillis();

		io.client(kind, server, "/", ClientOptions.defaults()
			.withQuery(Map.of("room", "lobby"))
			.withHeaders(Map.of("X-Test-Header", "hello"))).awaitConnect();

		Handshake handshake = sockets.next().handshake();
		long after = System.currentTimeMillis();
		assertThat(handshake.headers()).containsEntry("x-test-header", "hello").containsKey("host");
		assertThat(handshake.headers().keySet()).allSatisfy((name) -> assertThat(name).isLowerCase());
		assertThat(handshake.header("X-TEST-HEADER")).isEqualTo("hello");
		assertThat(handshake.query()).containsEntry("room", "lobby")
			.containsEntry("EIO", "4")
			.containsEntry("transport", "polling");
		assertThat(handshake.url()).startsWith("/socket.io/?").contains("EIO=4").contains("room=lobby");
		assertThat(handshake.address()).isEqualTo("127.0.0.1");
		assertThat(handshake.xdomain()).as("no Origin header").isFalse();
		assertThat(handshake.secure()).isFalse();
		assertThat(handshake.issued()).isBetween(before - 1000, after);
		assertThat(handshake.time()).isEqualTo(DateTimeFormatter
			.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx '(Coordinated Universal Time)'", Locale.US)
			.withZone(ZoneOffset.UTC)
			.format(Instant.ofEpochMilli(handshake.issued())));
		assertThat(handshake.time()).matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\\+0000 "
				+ "\\(Coordinated Universal Time\\)");
	}

	@Test
	void theTimeReadsAsJavaScriptsDateInWholeSecondsWhicheverSocketFormattedThatSecondFirst() {
		assertThat(Handshake.jsDate(1_765_000_000_999L)).isEqualTo(Handshake.jsDate(1_765_000_000_000L))
			.isEqualTo("Sat Dec 06 2025 05:46:40 GMT+0000 (Coordinated Universal Time)");
		assertThat(Handshake.jsDate(1_765_000_001_000L))
			.isEqualTo("Sat Dec 06 2025 05:46:41 GMT+0000 (Coordinated Universal Time)");
		assertThat(Handshake.jsDate(-1L)).isEqualTo("Wed Dec 31 1969 23:59:59 GMT+0000 (Coordinated Universal Time)");
	}

	@Test
	void aWebSocketOnlyClientHandshakesOnTheWebSocketRequest() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));

		io.js(server, "/", ClientOptions.transports("websocket").withQuery(Map.of("room", "lobby"))).awaitConnect();

		Handshake handshake = sockets.next().handshake();
		assertThat(handshake.query()).containsEntry("transport", "websocket").containsEntry("room", "lobby");
		assertThat(handshake.headers()).containsKey("upgrade");
	}

	@Test
	void anOriginHeaderMakesTheHandshakeCrossDomain() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));

		io.js(server, "/", ClientOptions.defaults().withHeaders(Map.of("origin", "http://example.com"))).awaitConnect();

		Handshake handshake = sockets.next().handshake();
		assertThat(handshake.xdomain()).isTrue();
		assertThat(handshake.header("origin")).isEqualTo("http://example.com");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void everySocketOfAConnectionSharesItsHandshakeButHasItsOwnAuth(ClientKind kind) {
		ServerSockets main = new ServerSockets();
		ServerSockets custom = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(main);
			s.of("/custom").onConnection(custom);
		});
		TestClient client = io.client(kind, server, "/", ClientOptions.auth(Map.of("token", "main")));
		client.awaitConnect();

		client.socket("/custom", ClientOptions.auth(Map.of("token", "custom"))).awaitConnect();

		Handshake first = main.next().handshake();
		Handshake second = custom.next().handshake();
		assertThat(second.issued()).isEqualTo(first.issued());
		assertThat(second.url()).isEqualTo(first.url());
		assertThat(first.auth("token")).isEqualTo("main");
		assertThat(second.auth("token")).isEqualTo("custom");
	}

}

package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading while the server keeps sending to its room: its socket leaves with the reason
 * {@code slow client} once the data waiting for it passes the limit, and the other members of the room get everything.
 */
class SlowClientTests {

	private static final int MAX_BUFFERED = 256 * 1024;

	private static final String CHUNK = "x".repeat(32 * 1024);

	/** Far more than the limit: bounds the test if the server never gives up on the client. */
	private static final int MAX_CHUNKS = 64;

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private TestSocketIOServer start(SocketIOOptions options) {
		return io.start((engine) -> engine.maxBufferedBytes(MAX_BUFFERED), options,
				(server) -> server.onConnection(this.sockets).onConnection((socket) -> {
					socket.join("room");
					socket.emit("hello");
				}));
	}

	/** A socket that reads its CONNECT reply and greeting, then never polls again. */
	private static List<String> connectThenStopReading(RawPollingClient client) {
		client.handshake();
		client.post("40");
		List<String> packets = new ArrayList<>();
		for (int i = 0; i < 5 && packets.stream().noneMatch((packet) -> packet.startsWith("42[\"hello\"")); i++) {
			packets.addAll(client.poll());
		}
		return packets;
	}

	/**
	 * Sends chunks to the room until the slow socket is gone, each once the healthy client has the previous one (so
	 * that only the slow client falls behind, however loaded the machine). @return how many were sent
	 */
	private int flood(TestSocketIOServer server, SocketIOSocket slow, TestClient healthy) {
		int sent = 0;
		while (slow.connected() && sent < MAX_CHUNKS) {
			server.server().to("room").emit("chunk", sent, CHUNK);
			assertThat(healthy.awaitEvent("chunk").args().get(0).asInt()).isEqualTo(sent);
			sent++;
		}
		return sent;
	}

	@Test
	void aClientThatStopsReadingLeavesAsSlowWhileTheOthersInItsRoomGetEverything() {
		TestSocketIOServer server = start(SocketIOOptions.defaults());
		TestClient healthy = io.js(server, "/", ClientOptions.transports("websocket"));
		healthy.awaitConnect();
		String slowId = Json.parse(connectThenStopReading(io.polling(server)).get(0).substring(2)).get("sid").asString();
		SocketIOSocket slow = this.sockets.byId(slowId);

		int sent = flood(server, slow, healthy);

		assertThat(this.sockets.awaitDisconnect(slowId)).isEqualTo(DisconnectReason.SLOW_CLIENT).hasToString("slow client");
		assertThat(sent).isLessThan(MAX_CHUNKS).isGreaterThanOrEqualTo(MAX_BUFFERED / CHUNK.length());
		assertThat(healthy.events("chunk")).hasSize(sent);
		assertThat(server.server().defaultNamespace().sockets()).containsOnlyKeys(healthy.id());
	}

}

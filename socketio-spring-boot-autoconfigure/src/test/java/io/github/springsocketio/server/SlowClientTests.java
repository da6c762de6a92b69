package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

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

	@Test
	void aClientClosedAsSlowRecoversEverythingItMissedAlthoughThatIsMoreThanTheLimit() {
		TestSocketIOServer server = start(
				SocketIOOptions.defaults().withRecovery(new ConnectionStateRecoveryOptions(Duration.ofMinutes(1), true)));
		TestClient healthy = io.js(server, "/", ClientOptions.transports("websocket"));
		healthy.awaitConnect();
		List<String> greeting = connectThenStopReading(io.polling(server));
		JsonNode connected = Json.parse(greeting.get(0).substring(2));
		JsonNode hello = Json.parse(greeting.get(1).substring(2));
		String slowId = connected.get("sid").asString();
		int sent = flood(server, this.sockets.byId(slowId), healthy);
		assertThat(this.sockets.awaitDisconnect(slowId)).isEqualTo(DisconnectReason.SLOW_CLIENT);

		RawPollingClient again = io.polling(server);
		again.handshake();
		again.post("40{\"pid\":\"" + connected.get("pid").asString() + "\",\"offset\":\""
				+ hello.get(hello.size() - 1).asString() + "\"}");
		List<Integer> replayed = new ArrayList<>();
		long replayedBytes = 0;
		String reply = null;
		while (reply == null) {
			for (String packet : again.poll()) {
				assertThat(packet).as("the connection stays open").doesNotStartWith("1");
				if (packet.startsWith("40")) {
					reply = packet;
				}
				else if (packet.startsWith("42[\"chunk\"")) {
					replayed.add(Json.parse(packet.substring(2)).get(1).asInt());
					replayedBytes += packet.length();
				}
			}
		}

		assertThat(replayedBytes).isGreaterThan(MAX_BUFFERED);
		assertThat(replayed).as("every chunk, in order").isEqualTo(IntStream.range(0, sent).boxed().toList());
		assertThat(Json.parse(reply.substring(2)).get("sid").asString()).isEqualTo(slowId);
		assertThat(server.server().defaultNamespace().sockets().get(slowId).recovered()).isTrue();
		server.server().to("room").emit("after");
		assertThat(again.poll()).anySatisfy((packet) -> assertThat(packet).startsWith("42[\"after\""));
	}

}

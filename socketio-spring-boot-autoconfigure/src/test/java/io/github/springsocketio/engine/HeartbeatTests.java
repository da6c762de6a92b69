package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.springsocketio.engine.ErrorResponseTests.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v4 heartbeat: the server pings every {@code pingInterval}, the next ping comes {@code pingInterval} after the
 * pong, and a session whose pong does not come within {@code pingTimeout} is closed with {@code ping timeout}.
 */
class HeartbeatTests {

	/** Timers may fire a little early by the clock of the client; not by more than this. */
	private static final long EARLY_MS = 20;

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void pollingSessionsArePingedEveryPingIntervalCountedFromThePong() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(200))
			.pingTimeout(Duration.ofSeconds(2)));
		PollingClient client = this.servers.polling(server);
		long opened = System.nanoTime();
		String sid = client.handshake().sid();

		assertThat(client.get(sid).body()).isEqualTo("2");
		assertThat(millisSince(opened)).isBetween(200 - EARLY_MS, 1_500L);

		long pong = System.nanoTime();
		client.send(sid, "3");
		assertThat(client.get(sid).body()).isEqualTo("2");
		assertThat(millisSince(pong)).isBetween(200 - EARLY_MS, 1_500L);
		assertThat(server.listener().closeReason(sid)).isEmpty();
	}

	@Test
	void theNextPingComesPingIntervalAfterTheLatePongNotAfterThePreviousPing() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(300))
			.pingTimeout(Duration.ofSeconds(3)));
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		webSocket.awaitOpen();
		assertThat(webSocket.nextText()).isEqualTo("2");
		long firstPing = System.nanoTime();

		assertThat(webSocket.poll(Duration.ofMillis(400))).as("no ping while the pong is due").isNull();
		long pong = System.nanoTime();
		webSocket.sendText("3");

		assertThat(webSocket.nextText()).isEqualTo("2");
		assertThat(millisSince(pong)).isGreaterThanOrEqualTo(300 - EARLY_MS);
		assertThat(millisSince(firstPing)).isGreaterThanOrEqualTo(700 - EARLY_MS);
	}

	@Test
	void aWebSocketSessionThatAnswersPingsStaysOpenPastTheTimeout() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(150)));
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		String sid = webSocket.awaitOpen();
		long opened = System.nanoTime();

		for (int i = 0; i < 5; i++) {
			assertThat(webSocket.nextText()).isEqualTo("2");
			webSocket.sendText("3");
		}

		assertThat(millisSince(opened)).isGreaterThan(250);
		assertThat(server.listener().closeReason(sid)).isEmpty();
		webSocket.sendText("4alive");
		String frame;
		while ("2".equals(frame = webSocket.nextText())) {
			webSocket.sendText("3");
		}
		assertThat(frame).isEqualTo("4alive");
	}

	@Test
	void aWebSocketSessionWithoutPongIsClosedWithPingTimeout() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(200)));
		// taken before connecting: the server's clock starts at the handshake, which may come before webSocket returns
		long opened = System.nanoTime();
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		String sid = webSocket.awaitOpen();

		assertThat(webSocket.nextText()).isEqualTo("2");
		WebSocketClient.Frame end = webSocket.awaitEnd();

		assertThat(end.type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(millisSince(opened)).isGreaterThanOrEqualTo(300 - EARLY_MS);
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.PING_TIMEOUT);
		assertThat(server.engine().sessionCount()).isZero();
	}

	@Test
	void otherTrafficDoesNotReplaceThePong() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(200)));
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		String sid = webSocket.awaitOpen();

		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		boolean ended = false;
		while (!ended && System.nanoTime() < deadline) {
			if (!webSocket.isInputClosed()) {
				webSocket.trySendText("4busy");
			}
			ended = webSocket.next().isEnd();
		}

		assertThat(ended).as("the WebSocket was closed while messages kept flowing").isTrue();
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.PING_TIMEOUT);
		assertThat(server.listener().messages(sid)).contains("busy");
	}

	@Test
	void aPollingSessionWithoutPongIsClosedWithPingTimeoutAndForgotten() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(200)));
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		assertThat(client.get(sid).body()).isEqualTo("2");

		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.PING_TIMEOUT);
		HttpResponse<String> after = client.get(sid);
		assertJsonError(after, 400, 1, "Session ID unknown");
	}

	@Test
	void aPollPendingWhenThePingTimesOutGetsTheClosePacket() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(200)));
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();
		assertThat(client.get(sid).body()).isEqualTo("2");

		HttpResponse<String> pending = client.get(sid);

		assertThat(pending.body()).isEqualTo("1");
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.PING_TIMEOUT);
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

}

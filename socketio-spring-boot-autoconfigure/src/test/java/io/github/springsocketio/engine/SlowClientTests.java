package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading: once the data waiting for it passes {@code maxBufferedBytes}, its session is closed
 * with the reason {@code slow client} and its connection dropped, so one stuck client cannot hold unbounded memory.
 */
class SlowClientTests {

	private static final int MAX_BUFFERED = 256 * 1024;

	private static final byte[] CHUNK = new byte[32 * 1024];

	/** Bounds the test: far more than the socket buffers of a loopback connection hold. */
	private static final int MAX_CHUNKS = 4_096;

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void aWebSocketClientThatStopsReadingIsClosedAsSlowAndItsConnectionDropped() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.maxBufferedBytes(MAX_BUFFERED));
		RawConnection client = this.servers.register(new RawConnection(server.port(), 16 * 1024));
		RawConnection.Head head = client.upgrade("EIO=4&transport=websocket").readHead();
		assertThat(head.status()).isEqualTo(101);
		String open = client.readFrame().text();
		String sid = PollingClient.JSON.readTree(open.substring(1)).get("sid").asString();
		EngineIoSession session = server.listener().session(sid);

		// While the client reads, far more than the limit goes through, one chunk at a time.
		for (int i = 0; i < 4 * MAX_BUFFERED / CHUNK.length; i++) {
			sendAndFlush(session, EnginePacket.binary(CHUNK));
			RawConnection.WsFrame frame = client.readFrame();
			assertThat(frame.opcode()).isEqualTo(0x2);
			assertThat(frame.payload()).hasSize(CHUNK.length);
		}
		assertThat(session.isOpen()).isTrue();

		// Then it stops reading: the socket buffers fill up, then the server's own buffer.
		int sent = 0;
		while (session.isOpen() && sent < MAX_CHUNKS) {
			sendAndFlush(session, EnginePacket.binary(CHUNK));
			sent++;
		}

		assertThat(session.isOpen()).as("closed after %d chunks", sent).isFalse();
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.SLOW_CLIENT);
		assertThat(server.engine().sessionCount()).isZero();
		await().atMost(Duration.ofSeconds(5))
			.alias("the server drops the connection of the client that does not read")
			.until(() -> server.openConnections() == 0);
	}

	@Test
	void aPollingClientThatStopsPollingIsClosedAsSlowOnceItsBufferPassesTheLimit() {
		TestEngineServer server = this.servers.start((o) -> o.maxBufferedBytes(MAX_BUFFERED));
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();
		EngineIoSession session = server.listener().session(sid);

		for (int i = 0; i <= MAX_BUFFERED / CHUNK.length && session.isOpen(); i++) {
			sendAndFlush(session, EnginePacket.binary(CHUNK));
		}

		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.SLOW_CLIENT);
		assertThat(server.engine().sessionCount()).isZero();
	}

	/** Sends a packet and waits until the session's loop has handed it to the transport. */
	private static void sendAndFlush(EngineIoSession session, EnginePacket packet) {
		runOnLoop(session, () -> session.send(packet));
		runOnLoop(session, () -> {
		});
	}

	private static void runOnLoop(EngineIoSession session, Runnable task) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		session.execute(() -> {
			task.run();
			done.complete(null);
		});
		try {
			done.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("the session's event loop did not run the task", ex);
		}
	}

}

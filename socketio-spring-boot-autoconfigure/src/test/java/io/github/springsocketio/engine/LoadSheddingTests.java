package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Past its memory budget an endpoint sheds load: the sessions holding the most bytes are closed first with the
 * reason {@code server overloaded}, and handshakes are refused with {@code 503} until the count is back under the
 * low-water mark. What a session holds (data waiting for it, messages being handled, what the layer above keeps) is
 * counted and given back when it ends.
 */
class LoadSheddingTests {

	private static final int BUDGET = 100_000;

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void theSessionHoldingTheMostIsClosedAndTheOthersServedOn() {
		TestEngineServer server = this.servers.start((o) -> o.memoryBudget(BUDGET));
		PollingClient client = this.servers.polling(server);
		String large = client.handshake().sid();
		String small = client.handshake().sid();
		MemoryBudget budget = server.engine().memoryBudget();

		// nobody polls: what is sent waits in the sessions' buffers
		sendAndFlush(server.listener().session(large), new byte[60_000]);
		sendAndFlush(server.listener().session(small), new byte[30_000]);
		assertThat(budget.isShedding()).isFalse();
		sendAndFlush(server.listener().session(small), new byte[20_000]);

		assertThat(server.listener().awaitClose(large)).isEqualTo(CloseReason.SERVER_OVERLOADED);
		assertThat(server.listener().session(small).isOpen()).isTrue();
		assertThat(budget.shedSessions()).isOne();
		await().atMost(TIMEOUT).until(() -> !budget.isShedding());
		assertThat(budget.used()).isBetween(50_000L, (long) budget.lowWater());
	}

	@Test
	void whileSheddingHandshakesAreRefusedWith503OnEveryTransport() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.memoryBudget(BUDGET));
		PollingClient client = this.servers.polling(server);
		MemoryBudget budget = server.engine().memoryBudget();
		budget.add(BUDGET + 1); // held by nobody that can be closed: shedding goes on

		HttpResponse<String> polling = PollingClient.send(client.request("EIO=4&transport=polling").GET().build());
		RawConnection.Head webSocket = this.servers.raw(server).upgrade("EIO=4&transport=websocket").readHead();

		assertThat(polling.statusCode()).isEqualTo(503);
		assertThat(polling.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(polling.body()).isEqualTo("{\"code\":6,\"message\":\"Server overloaded\"}");
		assertThat(webSocket.status()).isEqualTo(503);
		assertThat(server.engine().sessionCount()).isZero();

		budget.add(-(BUDGET + 1));
		assertThat(budget.isShedding()).isFalse();
		assertThat(client.handshake().sid()).isNotEmpty();
	}

	@Test
	void messagesCountWhileTheyAreHandledAndWhatTheLayerAboveKeepsUntilTheSessionEnds() {
		CompletableFuture<Long> usedWhileHandling = new CompletableFuture<>();
		RecordingListener listener = new RecordingListener();
		TestEngineServer server = this.servers.start((o) -> o.memoryBudget(BUDGET), listener);
		MemoryBudget budget = server.engine().memoryBudget();
		listener.onMessage((session, message) -> {
			usedWhileHandling.complete(budget.used());
			session.heldBytesChanged(message.data().length); // kept, as an incomplete binary packet is
		});
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		client.send(sid, "4" + "x".repeat(1_000));

		assertThat(usedWhileHandling.join()).as("the POST body, while handled").isGreaterThanOrEqualTo(1_000L);
		await().atMost(TIMEOUT).until(() -> budget.used() == 1_000);
		client.post(sid, "1");
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		await().atMost(TIMEOUT).until(() -> budget.used() == 0);
	}

	@Test
	void webSocketMessagesCountWhileTheyAreHandled() {
		CompletableFuture<Long> usedWhileHandling = new CompletableFuture<>();
		RecordingListener listener = new RecordingListener();
		TestEngineServer server = this.servers.start((o) -> o.memoryBudget(BUDGET), listener);
		MemoryBudget budget = server.engine().memoryBudget();
		listener.onMessage((session, message) -> usedWhileHandling.complete(budget.used()));
		WebSocketClient client = this.servers.webSocket(server, "EIO=4&transport=websocket");
		client.nextText();

		client.sendBinary(new byte[5_000]);

		assertThat(usedWhileHandling.join()).isGreaterThanOrEqualTo(5_000L);
		await().atMost(TIMEOUT).until(() -> budget.used() == 0);
	}

	/** Sends a packet and waits until the session's loop has queued it. */
	private static void sendAndFlush(EngineIoSession session, byte[] data) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		session.execute(() -> {
			session.send(EnginePacket.binary(data));
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

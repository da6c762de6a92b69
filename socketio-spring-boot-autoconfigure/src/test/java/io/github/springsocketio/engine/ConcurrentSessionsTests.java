package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hundreds of sessions at once on both transports: each gets exactly its own messages back, and every closed session
 * is forgotten.
 */
class ConcurrentSessionsTests {

	private static final int PER_TRANSPORT = 150;

	private static final int ROUNDS = 3;

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void manySessionsOnBothTransportsEachGetTheirOwnEchoesAndAreAllForgottenAfterClosing() throws Exception {
		TestEngineServer server = this.servers.start();
		PollingClient polling = this.servers.polling(server);
		ExecutorService workers = Executors.newFixedThreadPool(32);
		this.servers.register(workers::shutdownNow);

		List<String> pollingSids = all(workers, PER_TRANSPORT, (i) -> polling.handshake().sid());
		List<WebSocketClient> webSockets = all(workers, PER_TRANSPORT,
				(i) -> this.servers.webSocket(server, "EIO=4&transport=websocket"));
		List<String> webSocketSids = all(workers, PER_TRANSPORT, (i) -> webSockets.get(i).awaitOpen());
		assertThat(server.engine().sessionCount()).isEqualTo(2 * PER_TRANSPORT);

		List<List<String>> pollingEchoes = all(workers, PER_TRANSPORT, (i) -> {
			String sid = pollingSids.get(i);
			List<String> echoes = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				polling.send(sid, PollingClient.payload("4p" + i + "-" + round, "b" + base64(i, round)));
				echoes.addAll(PollingClient.packets(polling.get(sid).body()));
			}
			return echoes;
		});
		List<List<String>> webSocketEchoes = all(workers, PER_TRANSPORT, (i) -> {
			WebSocketClient webSocket = webSockets.get(i);
			List<String> echoes = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				webSocket.sendText("4w" + i + "-" + round).sendBinary(bytes(i, round));
				echoes.add(webSocket.nextText());
				echoes.add("b" + java.util.Base64.getEncoder().encodeToString(webSocket.nextBinary()));
			}
			return echoes;
		});

		for (int i = 0; i < PER_TRANSPORT; i++) {
			List<String> expectedPolling = new ArrayList<>();
			List<String> expectedWebSocket = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				expectedPolling.add("4p" + i + "-" + round);
				expectedPolling.add("b" + base64(i, round));
				expectedWebSocket.add("4w" + i + "-" + round);
				expectedWebSocket.add("b" + base64(i, round));
			}
			assertThat(pollingEchoes.get(i)).as("polling session %d", i).isEqualTo(expectedPolling);
			assertThat(webSocketEchoes.get(i)).as("WebSocket session %d", i).isEqualTo(expectedWebSocket);
		}

		all(workers, PER_TRANSPORT, (i) -> {
			polling.send(pollingSids.get(i), "1");
			webSockets.get(i).sendText("1");
			return null;
		});

		await().atMost(Duration.ofSeconds(10)).until(() -> server.engine().sessionCount() == 0);
		for (String sid : pollingSids) {
			assertThat(server.listener().closeReason(sid)).hasValue(CloseReason.TRANSPORT_CLOSE);
		}
		for (String sid : webSocketSids) {
			assertThat(server.listener().closeReason(sid)).hasValue(CloseReason.TRANSPORT_CLOSE);
		}
		assertThat(server.listener().events()).filteredOn((e) -> e.kind() == RecordingListener.Kind.MESSAGE)
			.hasSize(2 * PER_TRANSPORT * ROUNDS * 2);
	}

	private static byte[] bytes(int session, int round) {
		return new byte[] { (byte) (session >> 8), (byte) session, (byte) round, (byte) 0xff };
	}

	private static String base64(int session, int round) {
		return java.util.Base64.getEncoder().encodeToString(bytes(session, round));
	}

	interface Task<T> {

		T run(int index) throws Exception;

	}

	/** Runs a task for every index at once and waits for all of them, in index order. */
	private static <T> List<T> all(ExecutorService workers, int count, Task<T> task) throws Exception {
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			futures.add(workers.submit((Callable<T>) () -> task.run(index)));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

}

package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.springsocketio.engine.ErrorResponseTests.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutting an endpoint down closes its sessions on both transports and refuses new ones with {@code 503}.
 */
class EngineIoServerShutdownTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void shutdownClosesEverySessionWithTheGivenReason() {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);
		String waiting = client.handshake().sid();
		String idle = client.handshake().sid();
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		String webSocketSid = webSocket.awaitOpen();
		CompletableFuture<HttpResponse<String>> poll = client.getAsync(waiting);
		client.send(waiting, "4make sure the poll is held");
		assertThat(PollingClient.await(poll).body()).isEqualTo("4make sure the poll is held");
		poll = client.getAsync(waiting);

		server.engine().shutdown(CloseReason.SERVER_SHUTTING_DOWN);

		assertThat(PollingClient.await(poll).body()).isEqualTo("1");
		assertThat(webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(client.get(idle).body()).as("the close packet waits for the next poll").isEqualTo("1");
		for (String sid : new String[] { waiting, idle, webSocketSid }) {
			assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.SERVER_SHUTTING_DOWN);
		}
		await().atMost(RecordingListener.TIMEOUT).until(() -> server.engine().sessionCount() == 0);
		assertJsonError(client.get(waiting), 400, 1, "Session ID unknown");
	}

	@Test
	void aPollingClientThatIsGoneDoesNotHoldTheShutdownUpForLong() {
		TestEngineServer server = this.servers.start();
		String gone = this.servers.polling(server).handshake().sid();
		long start = System.nanoTime();

		server.engine().shutdown(CloseReason.SERVER_SHUTTING_DOWN);

		assertThat(server.listener().awaitClose(gone)).isEqualTo(CloseReason.SERVER_SHUTTING_DOWN);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("far less than the 30 s a live session gets")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(server.engine().sessionCount()).isZero();
	}

	@Test
	void afterShutdownHandshakesAreRefusedWith503() throws Exception {
		TestEngineServer server = this.servers.start();
		server.engine().shutdown(CloseReason.SERVER_SHUTTING_DOWN);

		HttpResponse<String> polling = PollingClient
			.send(this.servers.polling(server).request("EIO=4&transport=polling").GET().build());
		RawConnection.Head upgrade = this.servers.raw(server).upgrade("EIO=4&transport=websocket").readHead();

		assertThat(polling.statusCode()).isEqualTo(503);
		assertThat(upgrade.status()).isEqualTo(503);
		assertThat(server.engine().sessionCount()).isZero();
		assertThat(server.listener().events()).isEmpty();
	}

	@Test
	void closeIsAShutdownWithForcedClose() {
		TestEngineServer server = this.servers.start();
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		String sid = webSocket.awaitOpen();

		server.engine().close();

		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.FORCED_CLOSE);
		assertThat(webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		HttpResponse<String> polling = PollingClient
			.send(this.servers.polling(server).request("EIO=4&transport=polling").GET().build());
		assertThat(polling.statusCode()).isEqualTo(503);
	}

}

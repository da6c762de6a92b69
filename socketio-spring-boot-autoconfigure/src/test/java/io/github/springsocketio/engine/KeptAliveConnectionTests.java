package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polling requests reuse kept-alive connections, which sit on other event loops than the sessions they reach: every
 * request is answered however often connections change hands between sessions.
 */
class KeptAliveConnectionTests {

	private static final int CLIENTS = 16;

	private static final Duration RUN = Duration.ofSeconds(10);

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void everyRequestIsAnsweredWhileConnectionsServeSessionsOfOtherEventLoops() throws Exception {
		TestEngineServer server = this.servers.start();
		PollingClient polling = this.servers.polling(server);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		this.servers.register(clients::shutdownNow);
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		long end = System.nanoTime() + RUN.toNanos();
		for (int i = 0; i < CLIENTS; i++) {
			clients.execute(() -> {
				while (System.nanoTime() < end && failures.isEmpty()) {
					try {
						// each request may go out on any pooled connection, so on any event loop
						String sid = polling.handshake().sid();
						polling.send(sid, "4hello");
						HttpResponse<String> echo = polling.get(sid);
						assertThat(echo.body()).isEqualTo("4hello");
						polling.send(sid, "1");
					}
					catch (Throwable ex) {
						failures.add(ex.toString());
					}
				}
			});
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(RUN.plus(PollingClient.TIMEOUT).toSeconds() + 5, TimeUnit.SECONDS))
			.isTrue();
		assertThat(failures).isEmpty();
	}

}

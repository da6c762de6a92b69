package io.github.springsocketio.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.SocketIOOptions;
import io.github.springsocketio.server.SocketIOServer;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop hands the sockets over: it closes every connection at once, ends only once the sessions of the
 * sockets it closed are kept, and then stops the cluster adapter (whose last writes need Redis, which Spring stops
 * later).
 */
class SocketIOShutdownLifecycleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final Sinks.Empty<Void> saved = Sinks.empty();

	private final List<Socket> clients = new ArrayList<>();

	private SocketIOServer server;

	private DisposableServer http;

	@AfterEach
	void stop() {
		this.clients.forEach(Socket::close);
		if (this.server != null) {
			this.server.close();
		}
		if (this.http != null) {
			this.http.disposeNow(TIMEOUT);
		}
	}

	@Test
	void theStopClosesEveryConnectionAtOnceEndsWhenTheSessionsAreKeptAndThenStopsTheAdapter() throws Exception {
		this.server = SocketIOServer.builder()
			.options(SocketIOOptions.defaults()
				.withRecovery(new ConnectionStateRecoveryOptions(Duration.ofMinutes(1), true)))
			.adapterFactory(new SlowlyKeepingAdapters())
			.build();
		this.server.of("/");
		this.http = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(this.server.engine()::registerRoutes)
			.bindNow(TIMEOUT);
		List<String> ids = List.of(connect("polling"), connect("websocket"));
		SocketIOShutdownLifecycle lifecycle = new SocketIOShutdownLifecycle(this.server, TIMEOUT,
				() -> this.events.add("adapter stopped"));
		CountDownLatch stopped = new CountDownLatch(1);

		long start = System.nanoTime();
		lifecycle.stop(stopped::countDown);

		Awaitility.await("connections closed").atMost(TIMEOUT).until(() -> this.server.engine().sessionCount() == 0);
		long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(this.events).containsExactlyInAnyOrder("keep " + ids.get(0), "keep " + ids.get(1));
		assertThat(this.server.pendingSessionSaves()).isEqualTo(2);
		assertThat(stopped.await(300, TimeUnit.MILLISECONDS)).as("stopped before the sessions were kept").isFalse();
		assertThat(lifecycle.isRunning()).isFalse();

		this.saved.tryEmitEmpty();

		assertThat(stopped.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.server.pendingSessionSaves()).isZero();
		assertThat(this.events).endsWith("adapter stopped").hasSize(3);
		// the clients were told at once: no wait for a poll, no timeout
		assertThat(closedMillis).as("time to close a polling and a WebSocket connection").isLessThan(1500);
	}

	private String connect(String transport) throws Exception {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { transport })
			.build();
		Socket socket = IO.socket(URI.create("http://127.0.0.1:" + this.http.port() + "/"), options);
		this.clients.add(socket);
		CompletableFuture<String> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(socket.id()));
		socket.connect();
		return connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** In-memory adapters whose sessions are kept when the test says so. */
	private final class SlowlyKeepingAdapters implements AdapterFactory {

		@Override
		public Adapter create(AdapterContext namespace) {
			return new InMemoryAdapter(namespace) {

				@Override
				public Mono<Void> persistSession(PersistedSession session) {
					SocketIOShutdownLifecycleTests.this.events.add("keep " + session.sid());
					return SocketIOShutdownLifecycleTests.this.saved.asMono();
				}

			};
		}

	}

}

package io.github.springsocketio.annotation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Java client, connected to one namespace, with every wait bounded.
 */
final class TestClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final Map<String, BlockingQueue<Object[]>> received = new ConcurrentHashMap<>();

	private TestClient(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Connects and waits for the namespace to accept.
	 * @param events the events to record from the start (e.g. one emitted by a connect handler)
	 */
	static TestClient connect(int port, String namespace, Map<String, String> auth, String... events) {
		TestClient client = new TestClient(IO.socket(URI.create("http://localhost:" + port + namespace), options(auth)));
		for (String event : events) {
			client.record(event);
		}
		CompletableFuture<Void> connected = new CompletableFuture<>();
		client.socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		client.socket.once(Socket.EVENT_CONNECT_ERROR,
				(args) -> connected.completeExceptionally(new IllegalStateException("connect_error " + args[0])));
		client.socket.connect();
		await(connected);
		return client;
	}

	/** Tries to connect and returns the {@code connect_error} the namespace answered with. */
	static JSONObject refused(int port, String namespace, Map<String, String> auth) {
		Socket socket = IO.socket(URI.create("http://localhost:" + port + namespace), options(auth));
		CompletableFuture<Object> error = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> error.completeExceptionally(new AssertionError("connected")));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> error.complete(args[0]));
		socket.connect();
		try {
			return (JSONObject) await(error);
		}
		finally {
			socket.disconnect();
		}
	}

	private static IO.Options options(Map<String, String> auth) {
		return IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.setAuth(auth)
			.build();
	}

	/** @return the socket id */
	String id() {
		return this.socket.id();
	}

	/** Starts recording an event; {@link #next} takes its occurrences in order. */
	TestClient record(String event) {
		this.received.computeIfAbsent(event, (name) -> {
			BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
			this.socket.on(name, queue::add);
			return queue;
		});
		return this;
	}

	/** @return the arguments of the next occurrence of a recorded event */
	Object[] next(String event) {
		try {
			Object[] args = this.received.get(event).poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(args).as("event '%s' within %s", event, TIMEOUT).isNotNull();
			return args;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends an event without asking for an acknowledgement. */
	void emit(String event, Object... args) {
		this.socket.emit(event, args);
	}

	/** Sends an event and returns the future arguments of its acknowledgement. */
	CompletableFuture<Object[]> emitAsync(String event, Object... args) {
		CompletableFuture<Object[]> ack = new CompletableFuture<>();
		this.socket.emit(event, args, ack::complete);
		return ack;
	}

	/** Sends an event and waits for its acknowledgement. */
	Object[] call(String event, Object... args) {
		return await(emitAsync(event, args));
	}

	/** Sends an event and waits for the single argument of its acknowledgement. */
	Object callOne(String event, Object... args) {
		Object[] answer = call(event, args);
		assertThat(answer).as("acknowledgement of '%s'", event).hasSize(1);
		return answer[0];
	}

	static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("no answer within " + TIMEOUT + ": " + ex, ex);
		}
	}

	@Override
	public void close() {
		this.socket.disconnect();
	}

}

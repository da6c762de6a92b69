package io.github.springsocketio.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.jspecify.annotations.Nullable;
import org.json.JSONObject;

/**
 * The official Java client with the credentials a test gives it (headers of the handshake, the CONNECT auth
 * payload), every wait bounded.
 */
final class SecureClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final Socket socket;

	private final Map<String, BlockingQueue<Object>> received = new ConcurrentHashMap<>();

	private final CompletableFuture<Object> disconnected = new CompletableFuture<>();

	private SecureClient(int port, String namespace, Map<String, List<String>> headers, Map<String, String> auth) {
		this(port, namespace, headers, auth, WebSocket.NAME);
	}

	private SecureClient(int port, String namespace, Map<String, List<String>> headers, Map<String, String> auth,
			String... transports) {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(transports)
			.setExtraHeaders(headers)
			.setAuth(auth)
			.build();
		this.socket = IO.socket(URI.create("http://localhost:" + port + namespace), options);
		this.socket.on(Socket.EVENT_DISCONNECT, (args) -> this.disconnected.complete((args.length > 0) ? args[0] : ""));
	}

	/** A client that sends this bearer token in the handshake's {@code Authorization} header. */
	static SecureClient withBearerHeader(int port, String namespace, String token) {
		return new SecureClient(port, namespace, Map.of("Authorization", List.of("Bearer " + token)), Map.of());
	}

	/** A client that sends this token in its CONNECT auth payload, as a browser does. */
	static SecureClient withAuthToken(int port, String namespace, String token) {
		return new SecureClient(port, namespace, Map.of(), Map.of("token", token));
	}

	/**
	 * A client that sends this token in its CONNECT auth payload, over these transports.
	 * @param token the token, or {@code null} for an anonymous client
	 * @param transports e.g. {@code polling}, or {@code polling, websocket} to upgrade
	 */
	static SecureClient withAuthToken(int port, String namespace, @Nullable String token, String... transports) {
		return new SecureClient(port, namespace, Map.of(), (token != null) ? Map.of("token", token) : Map.of(),
				transports);
	}

	/** A client with these handshake headers. */
	static SecureClient withHeaders(int port, String namespace, Map<String, List<String>> headers) {
		return new SecureClient(port, namespace, headers, Map.of());
	}

	static SecureClient anonymous(int port, String namespace) {
		return new SecureClient(port, namespace, Map.of(), Map.of());
	}

	/** @return the socket's id, once connected */
	String id() {
		return this.socket.id();
	}

	/** Records the first argument of every such event from now on. */
	SecureClient record(String event) {
		BlockingQueue<Object> queue = this.received.computeIfAbsent(event, (name) -> new LinkedBlockingQueue<>());
		this.socket.on(event, (args) -> queue.add((args.length > 0) ? args[0] : "")); 
		return this;
	}

	/** Connects and waits for the namespace to accept. */
	SecureClient connect() {
		CompletableFuture<Object> connected = new CompletableFuture<>();
		this.socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete("connected"));
		this.socket.once(Socket.EVENT_CONNECT_ERROR,
				(args) -> connected.completeExceptionally(new IllegalStateException("connect_error " + args[0])));
		this.socket.connect();
		await(connected);
		return this;
	}

	/** Tries to connect and returns the {@code connect_error} the namespace answered with. */
	JSONObject refused() {
		CompletableFuture<Object> error = new CompletableFuture<>();
		this.socket.once(Socket.EVENT_CONNECT, (args) -> error.completeExceptionally(new AssertionError("connected")));
		this.socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> error.complete(args[0]));
		this.socket.connect();
		return (JSONObject) await(error);
	}

	/** Sends an event and waits for its acknowledgement's first argument. */
	Object call(String event, Object... args) {
		CompletableFuture<Object> ack = new CompletableFuture<>();
		this.socket.emit(event, args, (answer) -> ack.complete((answer.length > 0) ? answer[0] : null));
		return await(ack);
	}

	/** Sends an event without asking for an acknowledgement. */
	void send(String event, Object... args) {
		this.socket.emit(event, args);
	}

	/** Waits until the socket is disconnected and returns the reason the client gives. */
	Object disconnectReason() {
		return await(this.disconnected);
	}

	/** @return whether the socket is disconnected by now */
	boolean isDisconnected() {
		return this.disconnected.isDone();
	}

	/** Waits for the next recorded event of that name. */
	Object next(String event) throws InterruptedException {
		Object value = this.received.get(event).poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		if (value == null) {
			throw new AssertionError("no '" + event + "' within " + TIMEOUT);
		}
		return value;
	}

	/** @return what was recorded of that event and not yet taken */
	List<Object> pending(String event) {
		return List.copyOf(this.received.get(event));
	}

	private static Object await(CompletableFuture<Object> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() {
		this.socket.disconnect();
		this.socket.close();
	}

}

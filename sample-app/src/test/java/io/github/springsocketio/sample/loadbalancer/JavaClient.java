package io.github.springsocketio.sample.loadbalancer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * The official Java client ({@code io.socket:socket.io-client}) connected through a balancer, recording what the
 * ticker of the contract sends to its room, its disconnections and its reconnections. It keeps the cookies it is
 * given, as a browser does, so that its polling requests stay on their node. On each reconnection it joins its
 * room again unless the server says the session was recovered, as an application does on {@code connect}.
 */
final class JavaClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	final String transport;

	private final Socket socket;

	private final List<Long> ticks = new CopyOnWriteArrayList<>();

	private final List<String> disconnects = new CopyOnWriteArrayList<>();

	private final List<Reconnection> reconnections = new CopyOnWriteArrayList<>();

	private final Set<String> finals = ConcurrentHashMap.newKeySet();

	private final List<String> connectErrors = new CopyOnWriteArrayList<>();

	private final List<String> transportErrors = new CopyOnWriteArrayList<>();

	private volatile long disconnectedAt;

	private volatile String id;

	private volatile String node;

	private volatile String room;

	private JavaClient(String url, boolean pollingOnly) {
		this.transport = pollingOnly ? "polling" : "polling+websocket";
		// a long-poll lasts up to pingInterval (25 s): OkHttp's default read timeout of 10 s would cut it off, so
		// the client's own default of one minute
		OkHttpClient http = new OkHttpClient.Builder().cookieJar(new MemoryCookieJar())
			.readTimeout(1, TimeUnit.MINUTES)
			.build();
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setTransports(pollingOnly ? new String[] { Polling.NAME }
					: new String[] { Polling.NAME, WebSocket.NAME })
			.setReconnectionDelay(500)
			.setReconnectionDelayMax(2000)
			.setTimeout(10_000)
			.build();
		options.callFactory = http;
		options.webSocketFactory = http;
		this.socket = IO.socket(URI.create(url), options);
		this.socket.on("tick", (args) -> this.ticks.add(((Number) args[0]).longValue()));
		this.socket.on("message", (args) -> {
			if (args.length > 0 && args[0] instanceof JSONObject payload && payload.has("final")) {
				this.finals.add(payload.optString("final"));
			}
		});
		this.socket.on(Socket.EVENT_DISCONNECT, (args) -> {
			this.disconnects.add(String.valueOf(args[0]));
			this.disconnectedAt = System.nanoTime();
		});
		this.socket.on(Socket.EVENT_CONNECT_ERROR, (args) -> this.connectErrors.add(describe(args)));
		// the cause of a "transport error": the failed request's error
		this.socket.io().on(Manager.EVENT_ERROR, (args) -> this.transportErrors.add(describe(args)));
	}

	private static String describe(Object[] args) {
		Object error = (args.length > 0) ? args[0] : null;
		if (error instanceof Throwable throwable) {
			Throwable cause = throwable.getCause();
			return throwable.getMessage() + ((cause != null) ? " (" + cause + ")" : "");
		}
		return String.valueOf(error);
	}

	/** Connects, and learns its socket id and node; fails when that takes longer than the timeout. */
	static JavaClient connect(String url, boolean pollingOnly) throws Exception {
		JavaClient client = new JavaClient(url, pollingOnly);
		CompletableFuture<Boolean> connected = new CompletableFuture<>();
		client.socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(true));
		client.socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(
				new IllegalStateException("connect_error " + ((args.length > 0) ? args[0] : ""))));
		client.socket.connect();
		connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		client.id = client.socket.id();
		client.node = client.call("whoami").optString("node");
		return client;
	}

	/** Joins the room, and again after every reconnection that did not recover the session. */
	void join(String room) throws Exception {
		this.room = room;
		call("join", room);
		this.socket.on(Socket.EVENT_CONNECT, (args) -> onReconnected());
	}

	/** Runs on the client's event thread: nothing here may wait for an answer. */
	private void onReconnected() {
		Reconnection reconnection = new Reconnection(this.socket.id(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.disconnectedAt));
		this.reconnections.add(reconnection);
		this.socket.emit("whoami", new Object[0], (Ack) (me) -> {
			JSONObject answer = (JSONObject) me[0];
			reconnection.recovered = answer.optBoolean("recovered");
			if (reconnection.recovered) {
				reconnection.node = answer.optString("node");
				return;
			}
			this.socket.emit("join", new Object[] { this.room }, (Ack) (joined) -> {
				reconnection.rejoined = true;
				reconnection.node = answer.optString("node");
			});
		});
	}

	/** Emits with an acknowledgement and waits for its first argument. */
	JSONObject call(String event, Object... args) throws Exception {
		CompletableFuture<Object> answer = new CompletableFuture<>();
		this.socket.emit(event, args, (Ack) (values) -> answer.complete((values.length > 0) ? values[0] : null));
		Object value = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return (value instanceof JSONObject object) ? object : new JSONObject(Map.of("value", String.valueOf(value)));
	}

	String id() {
		return this.id;
	}

	String node() {
		return this.node;
	}

	List<Long> ticks() {
		return List.copyOf(this.ticks);
	}

	/** @return the ticks of {@code 0..count-1} never received */
	Set<Long> missing(int count) {
		Set<Long> missing = new TreeSet<>();
		for (long i = 0; i < count; i++) {
			missing.add(i);
		}
		this.ticks.forEach(missing::remove);
		return missing;
	}

	/** @return the errors of the connection attempts, such as those of the reconnections while its node is gone */
	List<String> connectErrors() {
		return List.copyOf(this.connectErrors);
	}

	/** @return the errors that closed its connections */
	List<String> transportErrors() {
		return List.copyOf(this.transportErrors);
	}

	List<String> disconnects() {
		return List.copyOf(this.disconnects);
	}

	List<Reconnection> reconnections() {
		return List.copyOf(this.reconnections);
	}

	Reconnection lastReconnection() {
		return this.reconnections.get(this.reconnections.size() - 1);
	}

	/** @return whether it is back after a reconnection: recovered, or in its room again, and knows its node */
	boolean isBack() {
		return this.reconnections.stream().anyMatch((reconnection) -> reconnection.node != null);
	}

	boolean received(String fin) {
		return this.finals.contains(fin);
	}

	@Override
	public String toString() {
		return "Java client " + this.transport + " " + this.id + " on " + this.node + ": " + this.ticks.size()
				+ " ticks, disconnects " + this.disconnects + ", connect errors " + this.connectErrors
				+ ", transport errors " + this.transportErrors + ", reconnections " + this.reconnections;
	}

	/** Closes the connection; the disconnection this causes is not recorded. */
	@Override
	public void close() {
		this.socket.off(Socket.EVENT_DISCONNECT);
		this.socket.close();
	}

	/** One reconnection: the id the client got, and what {@code whoami} then told. */
	static final class Reconnection {

		final String id;

		/** Milliseconds from the disconnection to this connection. */
		final long afterMillis;

		volatile Boolean recovered;

		volatile boolean rejoined;

		volatile String node;

		Reconnection(String id, long afterMillis) {
			this.id = id;
			this.afterMillis = afterMillis;
		}

		@Override
		public String toString() {
			return "{id " + this.id + " after " + this.afterMillis + " ms, recovered " + this.recovered + ", rejoined "
					+ this.rejoined + ", node " + this.node + "}";
		}

	}

	/** Cookies by name, for every host: the balancer's URL is the only one. */
	private static final class MemoryCookieJar implements CookieJar {

		private final Map<String, Cookie> cookies = new ConcurrentHashMap<>();

		@Override
		public void saveFromResponse(HttpUrl url, List<Cookie> received) {
			received.forEach((cookie) -> this.cookies.put(cookie.name(), cookie));
		}

		@Override
		public List<Cookie> loadForRequest(HttpUrl url) {
			return new ArrayList<>(this.cookies.values());
		}

	}

}

package io.github.springsocketio.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.socket.client.Ack;
import io.socket.client.AckWithTimeout;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket of the official Java client ({@code io.socket:socket.io-client}), its events collected for the test.
 * Reconnection is off: a test that wants a connection back opens a new client.
 */
final class JavaClient implements TestClient, AutoCloseable {

	private final OkHttpClient okHttp;

	private final boolean ownsConnection;

	private final Socket socket;

	private final EventLog<String> connects = new EventLog<>("connects");

	private final EventLog<ObjectNode> connectErrors = new EventLog<>("connect errors");

	private final EventLog<String> disconnects = new EventLog<>("disconnects");

	private final EventLog<Received> events = new EventLog<>("events");

	private final Map<String, ArrayNode> answers = new ConcurrentHashMap<>();

	private JavaClient(OkHttpClient okHttp, boolean ownsConnection, Socket socket) {
		this.okHttp = okHttp;
		this.ownsConnection = ownsConnection;
		this.socket = socket;
		socket.on(Socket.EVENT_CONNECT, (args) -> this.connects.add(socket.id()));
		socket.on(Socket.EVENT_CONNECT_ERROR, (args) -> this.connectErrors.add(connectError(args)));
		socket.on(Socket.EVENT_DISCONNECT, (args) -> this.disconnects.add(String.valueOf(args[0])));
		socket.onAnyIncoming(this::onEvent);
	}

	/**
	 * Connects a new client (its own connection) to a namespace.
	 * @param server e.g. {@code http://127.0.0.1:8080}
	 */
	static JavaClient connect(URI server, String namespace, ClientOptions options) {
		OkHttpClient okHttp = new OkHttpClient();
		IO.Options io = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(options.transports().toArray(String[]::new))
			.setAuth(new LinkedHashMap<>(options.auth()))
			.setTimeout(TIMEOUT.toMillis())
			.build();
		io.callFactory = okHttp;
		io.webSocketFactory = okHttp;
		if (!options.query().isEmpty()) {
			io.query = query(options.query());
		}
		if (!options.headers().isEmpty()) {
			Map<String, List<String>> headers = new LinkedHashMap<>();
			options.headers().forEach((name, value) -> headers.put(name, List.of(value)));
			io.extraHeaders = headers;
		}
		Socket socket = IO.socket(URI.create(server + namespace), io);
		JavaClient client = new JavaClient(okHttp, true, socket);
		socket.connect();
		return client;
	}

	@Override
	public TestClient socket(String namespace, ClientOptions options) {
		Manager.Options io = new Manager.Options();
		io.auth = new LinkedHashMap<>(options.auth());
		Socket other = this.socket.io().socket(namespace, io);
		JavaClient client = new JavaClient(this.okHttp, false, other);
		other.connect();
		return client;
	}

	private static String query(Map<String, String> query) {
		StringBuilder text = new StringBuilder();
		query.forEach((name, value) -> text.append((text.length() > 0) ? "&" : "").append(name).append('=').append(value));
		return text.toString();
	}

	private static ObjectNode connectError(Object[] args) {
		Object error = (args.length > 0) ? args[0] : null;
		if (error instanceof JSONObject json) {
			return (ObjectNode) Json.fromOrgJson(json);
		}
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("message", (error instanceof Exception ex) ? ex.getMessage() : String.valueOf(error));
		return node;
	}

	private void onEvent(Object... raw) {
		List<Object> args = new ArrayList<>(Arrays.asList(raw));
		String event = String.valueOf(args.remove(0));
		Ack ack = (!args.isEmpty() && args.get(args.size() - 1) instanceof Ack last) ? last : null;
		if (ack != null) {
			args.remove(args.size() - 1);
		}
		ArrayNode values = JsonNodeFactory.instance.arrayNode();
		args.forEach((arg) -> values.add(Json.fromOrgJson(arg)));
		this.events.add(new Received(event, values, ack != null));
		ArrayNode answer = this.answers.get(event);
		if (ack != null && answer != null) {
			ack.call(orgJson(answer));
		}
	}

	private static Object[] orgJson(ArrayNode values) {
		Object[] args = new Object[values.size()];
		for (int i = 0; i < args.length; i++) {
			args[i] = Json.toOrgJson(values.get(i));
		}
		return args;
	}

	@Override
	public ClientKind kind() {
		return ClientKind.JAVA;
	}

	@Override
	public String awaitConnect() {
		if (!this.connectErrors.all().isEmpty()) {
			throw new AssertionError("connect_error " + this.connectErrors.all());
		}
		return this.connects.next((id) -> true, TIMEOUT, "connect");
	}

	@Override
	public ObjectNode awaitConnectError() {
		return this.connectErrors.next((error) -> true, TIMEOUT, "connect_error");
	}

	@Override
	public String id() {
		return this.socket.id();
	}

	@Override
	public void emit(String event, Object... args) {
		this.socket.emit(event, orgJson(Json.array(args)));
	}

	@Override
	public CompletableFuture<ArrayNode> emitWithAck(String event, Object... args) {
		CompletableFuture<ArrayNode> answer = new CompletableFuture<>();
		this.socket.emit(event, orgJson(Json.array(args)), (Ack) (values) -> answer.complete(values(values)));
		return answer;
	}

	@Override
	public CompletableFuture<ArrayNode> emitWithAck(Duration timeout, String event, Object... args) {
		CompletableFuture<ArrayNode> answer = new CompletableFuture<>();
		this.socket.emit(event, orgJson(Json.array(args)), new AckWithTimeout(timeout.toMillis()) {

			@Override
			public void onSuccess(Object... values) {
				answer.complete(values(values));
			}

			@Override
			public void onTimeout() {
				answer.completeExceptionally(new AckTimeout("timed out after " + timeout));
			}

		});
		return answer;
	}

	private static ArrayNode values(Object[] values) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		for (Object value : values) {
			array.add(Json.fromOrgJson(value));
		}
		return array;
	}

	@Override
	public Received awaitEvent(String event) {
		return this.events.next((received) -> received.event().equals(event), TIMEOUT, "event '" + event + "'");
	}

	@Override
	public List<Received> events(String event) {
		return this.events.all((received) -> received.event().equals(event));
	}

	@Override
	public void answer(String event, Object... args) {
		this.answers.put(event, Json.array(args));
	}

	@Override
	public String awaitDisconnect() {
		return this.disconnects.next((reason) -> true, TIMEOUT, "disconnect");
	}

	@Override
	public void disconnect() {
		this.socket.disconnect();
	}

	/** @return whether the client library considers the socket connected */
	boolean connected() {
		return this.socket.connected();
	}

	@Override
	public void close() {
		this.socket.close();
		if (this.ownsConnection) {
			this.okHttp.dispatcher().executorService().shutdown();
			this.okHttp.connectionPool().evictAll();
		}
	}

	@Override
	public String toString() {
		return "JavaClient[" + this.socket.id() + "]";
	}

}

package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Socket.IO client of the main namespace written on a raw WebSocket (Reactor Netty), light enough to open
 * thousands in one test: it opens Engine.IO over WebSocket, connects with an {@code auth} payload, answers pings, and
 * records the events it receives (as JSON arrays, the offset last) and the answers to its acknowledged emits.
 */
final class LightClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final List<ArrayNode> events = new CopyOnWriteArrayList<>();

	private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

	private final AtomicInteger nextAck = new AtomicInteger();

	private final CompletableFuture<ObjectNode> connected = new CompletableFuture<>();

	private final String connect;

	private @Nullable Disposable connection;

	private LightClient(@Nullable ObjectNode auth) {
		this.connect = (auth != null) ? "40" + auth : "40";
	}

	/**
	 * Opens a connection and connects to {@code /}. Work starts on subscription.
	 * @param http the client to open the WebSocket with
	 * @param url the server, e.g. {@code http://127.0.0.1:8080}
	 * @param auth the CONNECT payload, e.g. {@code {pid, offset}} to recover, or {@code null}
	 * @return the client, once the server sent its CONNECT ({@link #handshake()})
	 */
	static Mono<LightClient> connect(HttpClient http, String url, @Nullable ObjectNode auth) {
		return Mono.defer(() -> {
			LightClient client = new LightClient(auth);
			client.connection = http.websocket()
				.uri(url.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket")
				.handle((in, out) -> Flux.merge(in.receive().asString().doOnNext(client::onMessage).then(),
						out.sendString(client.outbound.asFlux()).then()))
				.subscribe(null, client.connected::completeExceptionally,
						() -> client.connected.completeExceptionally(new IllegalStateException("closed")));
			return Mono.fromFuture(client.connected).thenReturn(client);
		});
	}

	private void onMessage(String message) {
		if (message.startsWith("0")) {
			send(this.connect);
		}
		else if (message.equals("2")) {
			send("3");
		}
		else if (message.startsWith("40")) {
			this.connected.complete((ObjectNode) JSON.readTree(message.substring(2)));
		}
		else if (message.startsWith("44")) {
			this.connected.completeExceptionally(new IllegalStateException("connect error " + message));
		}
		else if (message.startsWith("42")) {
			this.events.add((ArrayNode) JSON.readTree(message.substring(2)));
		}
		else if (message.startsWith("43")) {
			int bracket = message.indexOf('[');
			CompletableFuture<JsonNode> answer = this.answers.remove(Integer.parseInt(message.substring(2, bracket)));
			if (answer != null) {
				answer.complete(JSON.readTree(message.substring(bracket)).get(0));
			}
		}
	}

	private synchronized void send(String message) {
		this.outbound.emitNext(message, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	/**
	 * Emits an event with an acknowledgement. Work starts at once.
	 * @param event the event
	 * @param args its arguments
	 * @return the first argument of the answer
	 */
	Mono<JsonNode> call(String event, Object... args) {
		int id = this.nextAck.getAndIncrement();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.answers.put(id, answer);
		ArrayNode packet = JSON.createArrayNode().add(event);
		for (Object arg : args) {
			packet.add(JSON.valueToTree(arg));
		}
		send("42" + id + packet);
		return Mono.fromFuture(answer);
	}

	/** @return the CONNECT payload the server sent, {@code {sid, pid}} */
	ObjectNode handshake() {
		return this.connected.join();
	}

	String sid() {
		return handshake().get("sid").asString();
	}

	String pid() {
		return handshake().get("pid").asString();
	}

	/** @return every event received so far, in order, as {@code [name, ...args, offset]} */
	List<ArrayNode> events() {
		return List.copyOf(this.events);
	}

	/** Cuts the connection without a word, as a lost network does. */
	@Override
	public void close() {
		Disposable current = this.connection;
		if (current != null) {
			current.dispose();
		}
	}

}

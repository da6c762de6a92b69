package io.github.springsocketio.adapter.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsocketio.testing.NodeScripts;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.fail;

/**
 * A Node.js process running {@code src/test/js/cluster-peer.mjs}: a {@code socket.io} node with the Redis Streams
 * adapter and/or {@code socket.io-client} clients, driven by commands. Binary values are {@code {"$bin": base64}}
 * both ways ({@link #bin}).
 *
 * <pre>{@code
 * NodePeer peer = resources.add(NodePeer.start());
 * int port = peer.call("startServer", Map.of("redisUrl", redis.url(), ...)).get("port").asInt();
 * }</pre>
 */
public final class NodePeer implements AutoCloseable {

	private static final Path SCRIPTS = NodeScripts.DIRECTORY;

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Process process;

	private final OutputStream input;

	private final Path stderr;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private NodePeer(Process process, Path stderr) {
		this.process = process;
		this.input = process.getOutputStream();
		this.stderr = stderr;
		Thread reader = new Thread(this::read, "node-peer-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/** Starts the peer and waits until it is ready; fails the test, naming what is missing, without Node.js. */
	public static NodePeer start() {
		Path node = NodeScripts.node();
		try {
			Path stderr = Files.createTempFile("node-peer", ".log");
			Process process = new ProcessBuilder(node.toString(), "cluster-peer.mjs").directory(SCRIPTS.toFile())
				.redirectError(stderr.toFile())
				.start();
			NodePeer peer = new NodePeer(process, stderr);
			try {
				peer.ready.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				peer.close();
				fail("The Node.js peer did not start: " + ex + " " + peer.errors());
			}
			return peer;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return a binary value as the peer takes and gives it */
	public static Map<String, String> bin(byte[] bytes) {
		return Map.of("$bin", Base64.getEncoder().encodeToString(bytes));
	}

	/** @return the bytes of a binary value the peer gave */
	public static byte[] bytes(JsonNode value) {
		return Base64.getDecoder().decode(value.get("$bin").asString());
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				JsonNode message;
				try {
					message = MAPPER.readTree(line);
				}
				catch (RuntimeException ex) {
					continue;
				}
				if (message.has("ready")) {
					this.ready.complete(null);
					continue;
				}
				CompletableFuture<JsonNode> answer = this.pending.remove(message.path("seq").asLong(-1));
				if (answer != null) {
					answer.complete(message);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		this.ready.completeExceptionally(new IllegalStateException("the peer exited"));
		this.pending.values().forEach((answer) -> answer.completeExceptionally(new IllegalStateException("the peer exited")));
	}

	/**
	 * Runs a command and waits for its result.
	 * @param command the command of {@code cluster-peer.mjs}
	 * @param parameters its parameters
	 * @return its result; fails the test if the command failed
	 */
	public JsonNode call(String command, Map<String, ?> parameters) {
		JsonNode response = request(command, parameters);
		if (!response.path("ok").asBoolean()) {
			fail("Node.js peer: " + command + " " + parameters + " failed: " + response.path("error").asString()
					+ " " + errors());
		}
		return response.get("result");
	}

	/**
	 * Connects a JavaScript client of the peer, and joins it to a room.
	 * @param name the client's name in later commands
	 * @param url the server it connects to
	 * @param room a room it joins, or {@code null}
	 * @return its socket id
	 */
	public String connectClient(String name, String url, @Nullable String room) {
		String id = call("connect", Map.of("name", name, "url", url)).get("id").asString();
		if (room != null) {
			call("clientEmit", Map.of("name", name, "event", "join", "args", List.of(room), "ack", true));
		}
		return id;
	}

	/** @return the arguments of each event of that name a client of the peer received so far */
	public List<JsonNode> events(String client, String event) {
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode received : call("events", Map.of("name", client))) {
			if (received.get("event").asString().equals(event)) {
				events.add(received.get("args"));
			}
		}
		return events;
	}

	/** @return the arguments of each event of that name, once a client of the peer received that many */
	public List<JsonNode> awaitEvents(String client, String event, int count) {
		Awaitility.await("'" + event + "' x" + count + " at " + client)
			.atMost(TestClient.TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> events(client, event).size() >= count);
		return events(client, event);
	}

	/** @return the parameters of the peer's {@code emit} command: to rooms, except rooms */
	public static Map<String, Object> emit(List<String> rooms, List<String> except, String event, Object... args) {
		Map<String, Object> emit = new LinkedHashMap<>();
		emit.put("rooms", rooms);
		emit.put("except", except);
		emit.put("event", event);
		emit.put("args", List.of(args));
		return emit;
	}

	/** @return the rooms of the first socket of the peer's server */
	public List<String> firstSocketRooms() {
		return call("sockets", Map.of()).get(0).get("rooms").valueStream().map(JsonNode::asString).toList();
	}

	/** @return the error of a command expected to fail */
	public String callFailing(String command, Map<String, ?> parameters) {
		JsonNode response = request(command, parameters);
		if (response.path("ok").asBoolean()) {
			fail("Node.js peer: " + command + " " + parameters + " succeeded: " + response.get("result"));
		}
		return response.path("error").asString();
	}

	private JsonNode request(String command, Map<String, ?> parameters) {
		long id = this.ids.incrementAndGet();
		ObjectNode request = MAPPER.valueToTree(new LinkedHashMap<>(parameters));
		request.put("seq", id).put("cmd", command);
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		try {
			synchronized (this.input) {
				this.input.write((MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
				this.input.flush();
			}
			return answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			this.pending.remove(id);
			return fail("Node.js peer: no answer to " + command + " " + parameters + ": " + ex + " " + errors());
		}
	}

	/** @return what the peer wrote to its standard error */
	public String errors() {
		try {
			return Files.readString(this.stderr);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		try {
			if (this.process.isAlive()) {
				synchronized (this.input) {
					this.input.write("{\"seq\":0,\"cmd\":\"exit\"}\n".getBytes(StandardCharsets.UTF_8));
					this.input.flush();
					this.input.close();
				}
			}
		}
		catch (IOException ex) {
			// it is gone already
		}
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		finally {
			try {
				Files.deleteIfExists(this.stderr);
			}
			catch (IOException ex) {
				// left in the temporary directory
			}
		}
	}

}

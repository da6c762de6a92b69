package io.github.springsocketio.server;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Node.js process running {@code socketio-client-driver.mjs}: it hosts any number of JavaScript client sockets,
 * each driven by a {@link JsClient}. One process serves a whole test class; {@link #reset()} closes every socket it
 * holds between tests.
 */
final class JsDriver implements AutoCloseable {

	private static final String SCRIPT = "socketio-client-driver.mjs";

	/** Longer than any test class: the process leaves earlier when the JVM closes its standard input. */
	private static final String LIFETIME_MS = "900000";

	/** Client names are never reused, so a late line of a previous test's client cannot be mistaken. */
	private static final AtomicInteger NAMES = new AtomicInteger();

	private final NodeProcess node;

	private final AtomicInteger refs = new AtomicInteger();

	private final Map<Integer, CompletableFuture<ArrayNode>> pendingAcks = new ConcurrentHashMap<>();

	private final Map<String, JsClient> clients = new ConcurrentHashMap<>();

	private JsDriver() {
		this.node = NodeProcess.start(SCRIPT, LIFETIME_MS);
		this.node.onLine(this::onLine);
	}

	static JsDriver start() {
		return new JsDriver();
	}

	private void onLine(JsonNode line) {
		String type = line.path("type").asString("");
		if (type.equals("ack")) {
			CompletableFuture<ArrayNode> answer = this.pendingAcks.remove(line.path("ref").asInt(-1));
			if (answer != null) {
				if (line.has("error")) {
					answer.completeExceptionally(new TestClient.AckTimeout(line.get("error").asString()));
				}
				else {
					answer.complete((ArrayNode) Json.fromDriver(line.get("args")));
				}
			}
		}
		else if (type.equals("connect")) {
			JsClient client = this.clients.get(line.path("client").asString(""));
			if (client != null) {
				client.connected(line.path("id").asString());
			}
		}
	}

	/**
	 * Connects a new client (its own connection, {@code forceNew}, no reconnection unless {@code extra} says so).
	 * @param url the server and namespace, e.g. {@code http://127.0.0.1:8080/chat}
	 * @param options the common options
	 * @param extra more {@code socket.io-client} options, e.g. {@code {"reconnection": true}}
	 */
	JsClient connect(String url, ClientOptions options, ObjectNode extra) {
		JsClient client = newClient();
		ObjectNode command = command("connect", client.name()).put("url", url);
		ObjectNode all = options(options);
		all.setAll(extra);
		command.set("options", all);
		send(command);
		return client;
	}

	JsClient socket(JsClient of, String namespace, ClientOptions options) {
		JsClient client = newClient();
		ObjectNode command = command("socket", client.name()).put("of", of.name()).put("namespace", namespace);
		ObjectNode socketOptions = JsonNodeFactory.instance.objectNode();
		socketOptions.set("auth", Json.tree(options.auth()));
		command.set("options", socketOptions);
		send(command);
		return client;
	}

	/** Opens a bare connection that joins no namespace. @return its client, for its {@code open}/{@code close} lines */
	JsClient manager(String url, ClientOptions options) {
		JsClient client = newClient();
		ObjectNode command = command("manager", client.name()).put("url", url);
		command.set("options", options(options));
		send(command);
		return client;
	}

	private JsClient newClient() {
		JsClient client = new JsClient(this, "c" + NAMES.incrementAndGet());
		this.clients.put(client.name(), client);
		return client;
	}

	private static ObjectNode options(ClientOptions options) {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.set("transports", Json.tree(options.transports()));
		if (!options.auth().isEmpty()) {
			json.set("auth", Json.tree(options.auth()));
		}
		if (!options.query().isEmpty()) {
			json.set("query", Json.tree(options.query()));
		}
		if (!options.headers().isEmpty()) {
			json.set("extraHeaders", Json.tree(options.headers()));
		}
		return json;
	}

	static ObjectNode command(String op, String client) {
		return JsonNodeFactory.instance.objectNode().put("op", op).put("client", client);
	}

	/** Registers an acknowledgement the driver will report with the returned reference. */
	int expectAck(CompletableFuture<ArrayNode> answer) {
		int ref = this.refs.incrementAndGet();
		this.pendingAcks.put(ref, answer);
		return ref;
	}

	void send(ObjectNode command) {
		this.node.send(command.toString());
	}

	EventLog<JsonNode> lines() {
		return this.node.lines();
	}

	boolean isAlive() {
		return this.node.isAlive();
	}

	/** Closes every socket and connection the driver holds, and waits until it did. */
	void reset() {
		send(JsonNodeFactory.instance.objectNode().put("op", "reset"));
		lines().next((line) -> line.path("type").asString("").equals("reset"), TestClient.TIMEOUT, "reset");
		this.clients.clear();
		this.pendingAcks.clear();
	}

	@Override
	public void close() {
		this.node.close();
	}

}

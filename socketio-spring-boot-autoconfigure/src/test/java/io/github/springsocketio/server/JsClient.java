package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket of the official JavaScript client, hosted by a {@link JsDriver}: commands go to the driver, what the
 * socket sees comes back as JSON lines named after it.
 */
final class JsClient implements TestClient {

	private final JsDriver driver;

	private final String name;

	private volatile String id;

	JsClient(JsDriver driver, String name) {
		this.driver = driver;
		this.name = name;
	}

	String name() {
		return this.name;
	}

	void connected(String id) {
		this.id = id;
	}

	@Override
	public ClientKind kind() {
		return ClientKind.JAVASCRIPT;
	}

	/** Takes the next line of this client with that type, waiting for it. */
	JsonNode awaitLine(String type) {
		return this.driver.lines().next((line) -> mine(line) && type.equals(line.path("type").asString("")),
				TIMEOUT, this.name + " '" + type + "'");
	}

	/** @return every line of this client with that type so far */
	List<JsonNode> lines(String type) {
		return this.driver.lines().all((line) -> mine(line) && type.equals(line.path("type").asString("")));
	}

	private boolean mine(JsonNode line) {
		return this.name.equals(line.path("client").asString(""));
	}

	/** Takes the next {@code connect} line: its {@code id}, {@code recovered} and {@code transport}. */
	JsonNode awaitConnectLine() {
		JsonNode line = this.driver.lines()
			.next((candidate) -> mine(candidate)
					&& List.of("connect", "connect_error").contains(candidate.path("type").asString("")), TIMEOUT,
					this.name + " connect");
		if (line.get("type").asString().equals("connect_error")) {
			throw new AssertionError(this.name + " got a connect_error: " + line);
		}
		return line;
	}

	@Override
	public String awaitConnect() {
		return awaitConnectLine().get("id").asString();
	}

	@Override
	public ObjectNode awaitConnectError() {
		JsonNode line = awaitLine("connect_error");
		ObjectNode error = Json.object("{}");
		error.put("message", line.get("message").asString());
		if (!line.get("data").isNull()) {
			error.set("data", Json.fromDriver(line.get("data")));
		}
		return error;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void emit(String event, Object... args) {
		ObjectNode command = JsDriver.command("emit", this.name).put("event", event);
		command.set("args", Json.toDriver(Json.array(args)));
		this.driver.send(command);
	}

	@Override
	public CompletableFuture<ArrayNode> emitWithAck(String event, Object... args) {
		return emitWithAck(null, event, args);
	}

	@Override
	public CompletableFuture<ArrayNode> emitWithAck(Duration timeout, String event, Object... args) {
		CompletableFuture<ArrayNode> answer = new CompletableFuture<>();
		ObjectNode command = JsDriver.command("emit", this.name)
			.put("event", event)
			.put("ref", this.driver.expectAck(answer));
		if (timeout != null) {
			command.put("timeout", timeout.toMillis());
		}
		command.set("args", Json.toDriver(Json.array(args)));
		this.driver.send(command);
		return answer;
	}

	@Override
	public Received awaitEvent(String event) {
		JsonNode line = this.driver.lines()
			.next((candidate) -> mine(candidate) && "event".equals(candidate.path("type").asString(""))
					&& event.equals(candidate.path("event").asString("")), TIMEOUT,
					this.name + " event '" + event + "'");
		return received(line);
	}

	@Override
	public List<Received> events(String event) {
		return lines("event").stream()
			.filter((line) -> event.equals(line.path("event").asString("")))
			.map(JsClient::received)
			.toList();
	}

	private static Received received(JsonNode line) {
		return new Received(line.get("event").asString(), (ArrayNode) Json.fromDriver(line.get("args")),
				line.get("ack").asBoolean());
	}

	@Override
	public void answer(String event, Object... args) {
		ObjectNode command = JsDriver.command("answer", this.name).put("event", event);
		command.set("args", Json.toDriver(Json.array(args)));
		this.driver.send(command);
		awaitLine("answering");
	}

	@Override
	public String awaitDisconnect() {
		return awaitLine("disconnect").get("reason").asString();
	}

	@Override
	public void disconnect() {
		this.driver.send(JsDriver.command("disconnect", this.name));
	}

	/** Connects the socket again ({@code socket.connect()}), on a new connection if the previous one closed. */
	void reconnect() {
		this.driver.send(JsDriver.command("reconnect", this.name));
	}

	/** Closes the Engine.IO connection under the socket, as a network failure would. */
	void cut() {
		this.driver.send(JsDriver.command("cut", this.name));
	}

	/** Sends one Engine.IO message as is: a Socket.IO packet in its text form, e.g. {@code 2["x"]}. */
	void sendRaw(String packet) {
		this.driver.send(JsDriver.command("raw", this.name).put("data", packet));
	}

	/** Stops answering the server's pings. */
	void stopAnsweringPings() {
		this.driver.send(JsDriver.command("no-pong", this.name));
	}

	@Override
	public TestClient socket(String namespace, ClientOptions options) {
		return this.driver.socket(this, namespace, options);
	}

	@Override
	public String toString() {
		return "JsClient[" + this.name + ", " + this.id + "]";
	}

}

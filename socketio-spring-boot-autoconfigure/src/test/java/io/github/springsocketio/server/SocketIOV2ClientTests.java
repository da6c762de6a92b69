package io.github.springsocketio.server;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket.IO 2.x clients (the official {@code socket.io-client} 2.5, Engine.IO v3) on a server that allows them: they
 * connect to {@code /} by themselves, exchange events, acknowledgements and binary data, join a namespace with a
 * query-string token, get a refusal as a string, and receive broadcasts together with a current client in the same
 * room; over polling, WebSocket and polling upgraded to WebSocket. The Java client of those servers
 * ({@code io.socket:socket.io-client} 1.0.x, which takes binary polling payloads) runs the same steps.
 */
class SocketIOV2ClientTests {

	private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	/** Kept for the whole class: the client's threads may still load classes after a scenario returned. */
	private static URLClassLoader legacyJavaClient;

	/** What the server saw of its sockets, by namespace and socket id. */
	private final Map<String, SocketIOSocket> connected = new ConcurrentHashMap<>();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "polling", "websocket", "upgrade" })
	void aSocketIo2ClientConnectsExchangesEventsAndBinaryAndSharesARoomWithACurrentClient(String transports) {
		TestSocketIOServer server = io.start((engine) -> engine.allowEio3(true), this::handlers);

		List<JsonNode> lines = runScenario(server, transports);

		JsonNode connect = step(lines, "connect");
		String engineId = connect.get("engineId").asString();
		assertThat(connect.get("id").asString()).as("the socket id of / is the Engine.IO id").isEqualTo(engineId);
		SocketIOSocket legacy = this.connected.get("/" + engineId);
		assertThat(legacy).isNotNull();
		assertThat(legacy.handshake().query()).containsEntry("EIO", "3").containsEntry("app", "legacy");
		assertThat(step(lines, "welcome").get("id").asString()).isEqualTo(engineId);
		assertThat(step(lines, "welcome").get("bytes")).containsExactly(Json.tree(1), Json.tree(2), Json.tree(3));
		assertThat(step(lines, "transport").get("name").asString())
			.isEqualTo(transports.equals("polling") ? "polling" : "websocket");
		assertThat(step(lines, "echo").get("args")).isEqualTo(Json.parse("[\"héllo 😀\",{\"n\":1}]"));
		assertThat(step(lines, "reverse").get("bytes")).isEqualTo(Json.parse("[255,3,2,1]"));
		assertThat(step(lines, "admin").get("id").asString()).isEqualTo("/admin#" + engineId);
		assertThat(this.connected.get("/admin#" + engineId).handshake().auth("token")).isEqualTo("ok");
		assertThat(step(lines, "refused").get("error").asString()).isEqualTo("not authorized");
		assertThat(step(lines, "refused-with-data").get("error")).isEqualTo(Json.parse("{\"code\":7}"));
		JsonNode news = step(lines, "news");
		assertThat(news.get("legacy")).isEqualTo(Json.parse("[\"to both\",[9,8]]"));
		assertThat(news.get("current")).isEqualTo(news.get("legacy"));
		step(lines, "pong");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "polling", "websocket", "upgrade" })
	void theJavaClientOfSocketIo2ServersConnectsExchangesEventsAndBinaryAndJoinsANamespace(String transports)
			throws Exception {
		TestSocketIOServer server = io.start((engine) -> engine.allowEio3(true), this::handlers);
		List<String> lines = new CopyOnWriteArrayList<>();

		legacyJavaClient.loadClass(LegacyJavaClientScenario.class.getName())
			.getMethod("run", String.class, String.class, Consumer.class)
			.invoke(null, server.url(), transports, (Consumer<String>) lines::add);

		String id = lines.get(0).substring("connect ".length());
		assertThat(this.connected).containsKey("/" + id);
		assertThat(lines).containsExactly("connect " + id, "welcome " + id + " 010203", "echo héllo 😀",
				"reverse ff030201", lines.get(4), "refused not authorized");
		assertThat(lines.get(4)).startsWith("admin /admin#");
		assertThat(this.connected).containsKey(lines.get(4).substring("admin ".length()));
	}

	@BeforeAll
	static void loadLegacyJavaClient() throws IOException {
		legacyJavaClient = legacyJavaClientLoader();
	}

	@AfterAll
	static void closeLegacyJavaClient() throws IOException {
		legacyJavaClient.close();
	}

	/**
	 * A class loader with {@code io.socket:socket.io-client} 1.0.x (copied by the build) in place of the current one,
	 * the libraries it shares with it, and the scenario.
	 */
	private static URLClassLoader legacyJavaClientLoader() throws IOException {
		List<URL> urls = new ArrayList<>();
		try (Stream<Path> jars = Files.list(Path.of("target", "socketio-v2-java-client"))) {
			for (Path jar : jars.toList()) {
				urls.add(jar.toUri().toURL());
			}
		}
		for (Class<?> shared : List.of(okhttp3.OkHttpClient.class, okio.Okio.class, org.json.JSONObject.class,
				LegacyJavaClientScenario.class)) {
			urls.add(shared.getProtectionDomain().getCodeSource().getLocation());
		}
		return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
	}

	@Test
	void aServerThatDoesNotAllowThemRefusesSocketIo2Clients() {
		TestSocketIOServer server = io.start(this::handlers);
		NodeProcess client = io.register(NodeProcess.start("socketio-v2-client-check.mjs", server.url(), "polling",
				String.valueOf(SCENARIO_TIMEOUT.toMillis())));

		JsonNode failed = client.lines()
			.next((line) -> line.has("step") && !line.get("step").asString().equals("connect"), SCENARIO_TIMEOUT,
					"the connection to fail");

		assertThat(failed.get("step").asString()).isEqualTo("failed");
		assertThat(failed.get("message").asString()).contains("connect failed");
		assertThat(this.connected).isEmpty();
	}

	private void handlers(SocketIOServer server) {
		Consumer<SocketIOSocket> record = (socket) -> this.connected.put(socket.id().startsWith("/") ? socket.id()
				: "/" + socket.id(), socket);
		server.onConnection((socket) -> {
			record.accept(socket);
			socket.emit("welcome", socket.id(), new byte[] { 1, 2, 3 });
			socket.on("echo", (args, ack) -> ack.send(args.toArray()));
			socket.on("reverse", (args, ack) -> {
				byte[] data = args.bytes(0);
				byte[] reversed = new byte[data.length];
				for (int i = 0; i < data.length; i++) {
					reversed[i] = data[data.length - 1 - i];
				}
				ack.send((Object) reversed);
			});
			socket.on("join", (args, ack) -> {
				socket.join(args.text(0));
				ack.send();
			});
			socket.on("shout", (args, ack) -> server.to("r").emit("news", args.text(0), args.bytes(1)));
		});
		ConnectMiddleware token = (socket) -> "ok".equals(socket.handshake().auth("token")) ? Mono.empty()
				: Mono.error(new ConnectionRefusedException("not authorized"));
		server.of("/admin").use(token).onConnection(record);
		server.of("/refused-admin").use(token).onConnection(record);
		server.of("/refused-with-data")
			.use((socket) -> Mono.error(new ConnectionRefusedException("not authorized", Map.of("code", 7))));
	}

	private List<JsonNode> runScenario(TestSocketIOServer server, String transports) {
		NodeProcess client = io.register(NodeProcess.start("socketio-v2-client-check.mjs", server.url(), transports,
				String.valueOf(SCENARIO_TIMEOUT.toMillis())));
		JsonNode end = client.lines()
			.next((line) -> List.of("done", "failed").contains(line.path("step").asString("")),
					SCENARIO_TIMEOUT.plusSeconds(5), "the scenario to end");
		assertThat(end.get("step").asString()).as("%s; all lines: %s", end, client.lines().all()).isEqualTo("done");
		return client.lines().all();
	}

	private static JsonNode step(List<JsonNode> lines, String name) {
		return lines.stream()
			.filter((line) -> name.equals(line.path("step").asString("")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step " + name + " in " + lines));
	}

}

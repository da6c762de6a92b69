package io.github.springsocketio.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOObserver;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After real client activity the meters hold exactly what happened, and the health and the {@code socketio}
 * endpoint describe the node over HTTP.
 */
@SpringBootTest(classes = SocketIOObservabilityTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,socketio,metrics",
				"management.endpoint.health.show-details=always", "socketio.node-id=node-under-test" })
@DirtiesContext
class SocketIOObservabilityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	private Socket client;

	@Autowired
	SocketIOServer server;

	@Autowired
	ConnectCounter applicationObserver;

	/** The tests share one application: each leaves no connection behind to be counted by the next. */
	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.engine().sessionCount() == 0);
	}

	@Test
	void metersCountWhatClientsDid() throws Exception {
		Counts before = new Counts();
		IO.Options options = IO.Options.builder().setTransports(new String[] { "websocket" }).build();
		this.client = IO.socket(URI.create("http://127.0.0.1:" + this.port), options);
		BlockingQueue<Object> acks = new ArrayBlockingQueue<>(10);
		BlockingQueue<Object> news = new ArrayBlockingQueue<>(10);
		this.client.on("news", (args) -> news.add(args[0]));
		this.client.connect();
		await().atMost(Duration.ofSeconds(10)).until(this.client::connected);

		this.client.emit("hello", "x", (io.socket.client.Ack) (args) -> acks.add(args[0]));
		assertThat(acks.poll(10, TimeUnit.SECONDS)).isEqualTo("hi");
		this.client.emit("a client-chosen name", 1);
		this.client.emit("announce", "tea");
		assertThat(news.poll(10, TimeUnit.SECONDS)).isEqualTo("tea");
		assertThat(get("/socket.io/?EIO=4&transport=polling&sid=unknownsessionidxxxx").statusCode()).isEqualTo(400);
		this.client.disconnect();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(before.delta("socketio.sockets.disconnected", "reason", "client namespace disconnect")).isEqualTo(1));
		assertThat(before.delta("socketio.sockets.connected", "recovered", "false")).isEqualTo(1);
		assertThat(this.registry.get("socketio.sockets.active").tag("namespace", "/").gauge().value()).isZero();
		assertThat(before.delta("socketio.events.received", "event", "hello")).isEqualTo(1);
		assertThat(before.delta("socketio.events.received", "event", "announce")).isEqualTo(1);
		assertThat(before.delta("socketio.events.received", "event", "UNKNOWN")).isEqualTo(1);
		assertThat(before.delta("socketio.broadcasts", "scope", "cluster")).isEqualTo(1);
		assertThat(before.delta("socketio.events.sent", "namespace", "/")).isEqualTo(1);
		assertThat(before.delta("engineio.handshake.errors", "code", "1")).isEqualTo(1);
		assertThat(before.delta("engineio.sessions.opened", "transport", "websocket")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(before.delta("engineio.sessions.closed", "reason", "transport close")).isEqualTo(1));
		assertThat(this.registry.get("engineio.sessions.active").tag("transport", "websocket").gauge().value()).isZero();
		assertThat(this.registry.get("engineio.bytes.received").tag("transport", "websocket").summary().totalAmount())
			.isPositive();
	}

	@Test
	void anApplicationsObserverAndTheMetersBothSeeAConnect() {
		Counts before = new Counts();
		int seenBefore = this.applicationObserver.connects.get();
		IO.Options options = IO.Options.builder().setTransports(new String[] { "websocket" }).build();
		this.client = IO.socket(URI.create("http://127.0.0.1:" + this.port), options);
		this.client.connect();
		await().atMost(Duration.ofSeconds(10)).until(this.client::connected);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(before.delta("socketio.sockets.connected", "recovered", "false")).isEqualTo(1);
			assertThat(this.applicationObserver.connects.get() - seenBefore).isEqualTo(1);
		});
	}

	@Test
	void annotatedHandlerCallsAreObservedAsSocketioHandler() throws Exception {
		IO.Options options = IO.Options.builder().setTransports(new String[] { "websocket" }).build();
		this.client = IO.socket(URI.create("http://127.0.0.1:" + this.port), options);
		BlockingQueue<Object> acks = new ArrayBlockingQueue<>(10);
		this.client.connect();
		await().atMost(Duration.ofSeconds(10)).until(this.client::connected);

		this.client.emit("timed", 21, (io.socket.client.Ack) (args) -> acks.add(args[0]));
		assertThat(acks.poll(10, TimeUnit.SECONDS)).isEqualTo(42);
		this.client.emit("timed", -1, (io.socket.client.Ack) (args) -> acks.add(args[0]));
		assertThat(acks.poll(10, TimeUnit.SECONDS)).isInstanceOf(JSONObject.class);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.registry.get("socketio.handler")
				.tags("namespace", "/", "event", "timed", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(this.registry.get("socketio.handler")
				.tags("namespace", "/", "event", "timed", "outcome", "error")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void theHealthIsUpWithCheapDetails() throws Exception {
		JsonNode health = JSON.readTree(get("/actuator/health").body());

		JsonNode socketio = health.path("components").path("socketio");
		assertThat(socketio.path("status").asString()).isEqualTo("UP");
		assertThat(socketio.path("details").path("nodeId").asString()).isEqualTo("node-under-test");
		assertThat(socketio.path("details").path("adapter").asString()).isEqualTo("memory");
		assertThat(socketio.path("details").has("sockets")).isTrue();
	}

	@Test
	void theEndpointDescribesTheNodeAndANamespacesRooms() throws Exception {
		JsonNode node = JSON.readTree(get("/actuator/socketio").body());

		assertThat(node.path("nodeId").asString()).isEqualTo("node-under-test");
		assertThat(node.path("path").asString()).isEqualTo("/socket.io/");
		assertThat(node.path("transports").toString()).isEqualTo("[\"polling\",\"websocket\"]");
		assertThat(node.path("adapter").path("type").asString()).isEqualTo("memory");
		assertThat(node.path("namespaces").get(0).path("name").asString()).isEqualTo("/");
		assertThat(node.path("connectionStateRecovery").path("enabled").asBoolean()).isFalse();

		JsonNode main = JSON.readTree(get("/actuator/socketio/-").body());
		assertThat(main.path("name").asString()).isEqualTo("/");
		assertThat(main.path("largestRooms").isArray()).isTrue();
		assertThat(get("/actuator/socketio/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void theEndpointIsReadOnlyByDefault() throws Exception {
		HttpRequest delete = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/socketio/x"))
			.DELETE()
			.build();

		assertThat(HTTP.send(delete, BodyHandlers.ofString()).statusCode()).isIn(404, 405);
	}

	/** Counters as they were when made: the tests share one application, so they assert what changed. */
	private final class Counts {

		private final java.util.Map<String, Double> values = new java.util.HashMap<>();

		Counts() {
			SocketIOObservabilityTests.this.registry.getMeters()
				.stream()
				.filter((meter) -> meter instanceof io.micrometer.core.instrument.Counter)
				.forEach((meter) -> this.values.put(meter.getId().toString(),
						((io.micrometer.core.instrument.Counter) meter).count()));
		}

		double delta(String name, String tag, String value) {
			io.micrometer.core.instrument.Counter counter = SocketIOObservabilityTests.this.registry.get(name)
				.tag(tag, value)
				.counter();
			return counter.count() - this.values.getOrDefault(counter.getId().toString(), 0.0);
		}

	}

	private java.net.http.HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(request(path).GET().build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	@SpringBootApplication
	static class App {

		@Bean
		TimedHandlers timedHandlers() {
			return new TimedHandlers();
		}

		@Bean
		ConnectCounter applicationObserver() {
			return new ConnectCounter();
		}

		@Bean
		SocketIOServerCustomizer handlers(ConnectCounter applicationObserver) {
			return (server) -> {
				// added before the meters bind theirs: neither displaces the other
				server.observe(applicationObserver);
				server.onConnection((socket) -> {
					socket.on("hello", (args, ack) -> ack.send("hi"));
					socket.on("announce", (args, ack) -> server.emit("news", args.node(0)));
				});
			};
		}

	}

	/** An application's own observer, beside the meters. */
	static class ConnectCounter implements SocketIOObserver {

		final AtomicInteger connects = new AtomicInteger();

		@Override
		public void socketConnected(Namespace namespace, boolean recovered) {
			this.connects.incrementAndGet();
		}

	}

	static class TimedHandlers {

		@SocketIOEvent("timed")
		int twice(int value) {
			if (value < 0) {
				throw new IllegalArgumentException("negative");
			}
			return value * 2;
		}

	}

}

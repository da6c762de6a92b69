package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import static io.github.springsocketio.server.Json.array;
import static io.github.springsocketio.server.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection middlewares (run when a client joins a namespace, may refuse it) and event middlewares (run before each
 * incoming event of a socket, may stop it).
 */
class MiddlewareTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private ConnectMiddleware recording(String name) {
		return (socket) -> {
			this.calls.add(name);
			return Mono.empty();
		};
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aMiddlewareRefusalReachesTheClientAsAConnectErrorWithMessageAndData(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s
			.use((socket) -> Mono.error(new ConnectionRefusedException("not authorized", Map.of("reason", "denied"))))
			.onConnection(sockets));

		TestClient client = io.client(kind, server);

		assertThat(client.awaitConnectError())
			.isEqualTo(parse("{\"message\":\"not authorized\",\"data\":{\"reason\":\"denied\"}}"));
		assertThat(server.server().defaultNamespace().sockets()).isEmpty();
		assertThat(sockets.count()).isZero();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aRefusalWithoutDataGivesOnlyItsMessage(ClientKind kind) {
		TestSocketIOServer server = io
			.start((s) -> s.use((socket) -> Mono.error(new ConnectionRefusedException("go away"))));

		assertThat(io.client(kind, server).awaitConnectError()).isEqualTo(parse("{\"message\":\"go away\"}"));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anyOtherMiddlewareFailureGivesItsMessage(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> {
			s.use((socket) -> Mono.error(new IllegalStateException("database down")));
			s.of("/thrown").use((socket) -> {
				throw new IllegalArgumentException("thrown, not returned");
			});
		});

		assertThat(io.client(kind, server).awaitConnectError()).isEqualTo(parse("{\"message\":\"database down\"}"));
		assertThat(io.client(kind, server, "/thrown", ClientOptions.defaults()).awaitConnectError())
			.isEqualTo(parse("{\"message\":\"thrown, not returned\"}"));
	}

	@Test
	void middlewaresRunInRegistrationOrderAndTheFirstRefusalStopsThem() {
		TestSocketIOServer server = io.start((s) -> s.use(recording("first"))
			.use((socket) -> {
				this.calls.add("second refuses");
				return Mono.error(new ConnectionRefusedException("refused by the second"));
			})
			.use(recording("third"))
			.onConnection((socket) -> this.calls.add("connection")));

		assertThat(io.js(server, "/", ClientOptions.defaults()).awaitConnectError().get("message").asString())
			.isEqualTo("refused by the second");
		assertThat(this.calls).containsExactly("first", "second refuses");
	}

	@Test
	void asynchronousMiddlewaresAreAwaitedOneAfterTheOther() {
		TestSocketIOServer server = io.start((s) -> s
			.use((socket) -> Mono.delay(Duration.ofMillis(50)).doOnNext((tick) -> this.calls.add("slow")).then())
			.use(recording("next"))
			.onConnection((socket) -> this.calls.add("connection")));

		io.js(server, "/", ClientOptions.defaults()).awaitConnect();

		await().atMost(Awaits.TIMEOUT).until(() -> this.calls.size() == 3);
		assertThat(this.calls).containsExactly("slow", "next", "connection");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aMiddlewareSeesTheHandshakeAndPreparesTheSocketsData(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> s.use((socket) -> {
			socket.data().put("user", socket.handshake().auth("token") + "-user");
			return Mono.empty();
		}).onConnection((socket) -> socket.on("whoami", (args, ack) -> ack.send(socket.data().get("user")))));
		TestClient client = io.client(kind, server, "/", ClientOptions.auth(Map.of("token", "alice")));
		client.awaitConnect();

		assertThat(Awaits.result(client.emitWithAck("whoami"))).isEqualTo(array("alice-user"));
	}

	@Test
	void aRefusedClientMayTryAgainOnTheSameConnection() {
		AtomicInteger attempts = new AtomicInteger();
		TestSocketIOServer server = io.start((s) -> s.of("/guarded")
			.use((socket) -> (attempts.incrementAndGet() == 1)
					? Mono.error(new ConnectionRefusedException("not yet")) : Mono.empty()));
		JsClient main = io.js(server, "/", ClientOptions.defaults());
		main.awaitConnect();
		JsClient guarded = (JsClient) main.socket("/guarded", ClientOptions.defaults());
		assertThat(guarded.awaitConnectError().get("message").asString()).isEqualTo("not yet");

		guarded.reconnect();

		String id = guarded.awaitConnect();
		assertThat(server.server().of("/guarded").sockets()).containsOnlyKeys(id);
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void aClientThatLeavesWhileAMiddlewareRunsIsDroppedSilently() {
		CompletableFuture<Void> release = new CompletableFuture<>();
		TestSocketIOServer server = io.start((s) -> s.use((socket) -> {
			this.calls.add("middleware");
			return Mono.fromFuture(release);
		}).onConnection((socket) -> this.calls.add("connection")));
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		await().atMost(Awaits.TIMEOUT).until(() -> this.calls.contains("middleware"));

		client.cut();
		await().atMost(Awaits.TIMEOUT).until(() -> server.server().engine().sessionCount() == 0);
		release.complete(null);

		io.js(server, "/", ClientOptions.defaults()).awaitConnect();
		await().atMost(Awaits.TIMEOUT).until(() -> this.calls.contains("connection"));
		assertThat(this.calls).containsExactly("middleware", "middleware", "connection");
		assertThat(server.server().defaultNamespace().sockets()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anEventMiddlewareStopsAnEventReportsItsErrorAndSendsNothing(ClientKind kind) {
		EventLog<Throwable> errors = new EventLog<>("errors");
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			socket.use((event, args) -> event.equals("forbidden")
					? Mono.error(new IllegalStateException("not allowed: " + args)) : Mono.empty());
			socket.onError(errors::add);
			socket.on("forbidden", (args, ack) -> {
				this.calls.add("forbidden handled");
				ack.send("should not be sent");
			});
			socket.on("allowed", (args, ack) -> ack.send("ok"));
		}));
		TestClient client = io.client(kind, server);
		client.awaitConnect();

		Throwable noAnswer = Awaits.failure(client.emitWithAck(Duration.ofMillis(300), "forbidden", 1));

		assertThat(noAnswer).isInstanceOf(TestClient.AckTimeout.class);
		assertThat(errors.next((e) -> true, Awaits.TIMEOUT, "error")).hasMessage("not allowed: [1]");
		assertThat(Awaits.result(client.emitWithAck("allowed"))).isEqualTo(array("ok"));
		assertThat(this.calls).isEmpty();
	}

	@Test
	void eventMiddlewaresRunInOrderBeforeTheCatchAllListenersAndHandlers() {
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			socket.use((event, args) -> Mono.fromRunnable(() -> this.calls.add("first middleware " + event)));
			socket.use((event, args) -> Mono.delay(Duration.ofMillis(20))
				.doOnNext((tick) -> this.calls.add("second middleware " + args))
				.then());
			socket.onAny((event, args) -> this.calls.add("catch-all"));
			socket.on("event", (args, ack) -> {
				this.calls.add("handler");
				ack.send();
			});
		}));
		TestClient client = io.client(ClientKind.JAVASCRIPT, server);
		client.awaitConnect();

		Awaits.result(client.emitWithAck("event", "x"));

		assertThat(this.calls).containsExactly("first middleware event", "second middleware [\"x\"]", "catch-all",
				"handler");
	}

	@Test
	void eventMiddlewaresArePerSocket() {
		AtomicInteger sockets = new AtomicInteger();
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> {
			if (sockets.incrementAndGet() == 1) {
				socket.use((event, args) -> Mono.error(new IllegalStateException("only the first socket")));
			}
			socket.on("event", (args, ack) -> ack.send("handled"));
		}));
		TestClient first = io.client(ClientKind.JAVA, server);
		first.awaitConnect();
		TestClient second = io.client(ClientKind.JAVA, server);
		second.awaitConnect();

		assertThat(Awaits.result(second.emitWithAck("event"))).isEqualTo(array("handled"));
		assertThat(Awaits.failure(first.emitWithAck(Duration.ofMillis(200), "event")))
			.isInstanceOf(TestClient.AckTimeout.class);
	}

}

package io.github.springsocketio.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgements with a deadline, on either side: {@code socket.timeout(d).emitWithAck(...)} on the server, and the
 * clients' own acknowledgement timeouts against a server that does not answer.
 */
class SocketTimeoutTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private TestClient connect(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> s.onConnection(this.sockets).onConnection((socket) -> {
			socket.on("echo", (args, ack) -> ack.send(args.toArray()));
			socket.on("silent", (args, ack) -> {
			});
		}));
		TestClient client = io.client(kind, server);
		client.awaitConnect();
		return client;
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theServersAcknowledgementTimesOutWhenTheClientDoesNotAnswer(ClientKind kind) {
		TestClient client = connect(kind);
		SocketIOSocket socket = this.sockets.next();

		Throwable failure = Awaits.failure(socket.timeout(Duration.ofMillis(200)).emitWithAck("question", 1));

		assertThat(failure).isInstanceOf(AckTimeoutException.class).hasMessage("operation has timed out");
		assertThat(client.awaitEvent("question").ackRequested()).isTrue();
		assertThat(socket.connected()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theServersAcknowledgementCompletesWhenTheClientAnswersInTime(ClientKind kind) {
		TestClient client = connect(kind);
		client.answer("question", "in time", 2);
		SocketIOSocket socket = this.sockets.next();

		Arguments answer = Awaits.result(socket.timeout(Duration.ofSeconds(15)).emitWithAck("question"));

		assertThat(answer.toArrayNode()).isEqualTo(array("in time", 2));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anAcknowledgementTheServerWaitsForFailsWhenTheSocketDisconnects(ClientKind kind) {
		TestClient client = connect(kind);
		SocketIOSocket socket = this.sockets.next();
		CompletableFuture<Arguments> answer = socket.emitWithAck("question").toFuture();
		CompletableFuture<Arguments> answerWithTimeout = socket.timeout(Duration.ofMinutes(1))
			.emitWithAck("question")
			.toFuture();
		client.awaitEvent("question");

		client.disconnect();

		assertThat(Awaits.failure(answer)).isInstanceOf(SocketDisconnectedException.class);
		assertThat(Awaits.failure(answerWithTimeout)).isInstanceOf(SocketDisconnectedException.class);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anAcknowledgementAskedOfAGoneSocketFailsAtOnce(ClientKind kind) {
		TestClient client = connect(kind);
		SocketIOSocket socket = this.sockets.next();
		client.disconnect();
		this.sockets.awaitDisconnect(socket.id());

		assertThat(Awaits.failure(socket.emitWithAck("question"))).isInstanceOf(SocketDisconnectedException.class);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void theClientsAcknowledgementTimesOutWhenTheServerDoesNotAnswer(ClientKind kind) {
		TestClient client = connect(kind);

		Throwable failure = Awaits.failure(client.emitWithAck(Duration.ofMillis(200), "silent", 1));

		assertThat(failure).isInstanceOf(TestClient.AckTimeout.class);
		assertThat(Awaits.result(client.emitWithAck(Duration.ofSeconds(15), "echo", "still there")))
			.isEqualTo(array("still there"));
	}

}

package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket that sends events far faster than {@code events-per-second}: past its burst its events are dropped before
 * any handler sees them, those asking for an acknowledgement answered at once with the error {@code RATE_LIMITED}; or,
 * configured so, the socket is disconnected as by the server. Another client connected meanwhile is served as usual.
 */
class EventRateLimitTests {

	/** Far below what the flood sends: all of it passing would take minutes at the rate. */
	private static final int BURST = 20;

	private static final int FLOOD = 200;

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ExceededLimits exceeded = new ExceededLimits();

	private final ServerSockets sockets = new ServerSockets();

	private final AtomicInteger handled = new AtomicInteger();

	private TestSocketIOServer start(EventRateAction action) {
		SocketIOLimits limits = SocketIOLimits.builder()
			.eventsPerSecond(1)
			.eventBurst(BURST)
			.eventRateAction(action)
			.build();
		TestSocketIOServer server = io.start((engine) -> engine, SocketIOOptions.defaults().withLimits(limits),
				(io) -> io.onConnection(this.sockets).onConnection((socket) -> socket.on("echo", (args, ack) -> {
					this.handled.incrementAndGet();
					ack.send(args.toArray());
				})));
		server.server().observe(this.exceeded);
		return server;
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void eventsPastTheRateAreDroppedAndAnsweredWithAnErrorWhileABystanderIsServed(ClientKind kind) {
		TestSocketIOServer server = start(EventRateAction.DROP);
		TestClient flooder = io.client(kind, server);
		flooder.awaitConnect();
		TestClient bystander = io.client(kind, server);
		bystander.awaitConnect();

		List<CompletableFuture<ArrayNode>> answers = new ArrayList<>();
		for (int i = 0; i < FLOOD; i++) {
			answers.add(flooder.emitWithAck("echo", i));
		}
		flooder.emit("echo", -1); // no acknowledgement asked: dropped silently

		List<ArrayNode> answered = answers.stream().map(CompletableFuture::join).toList();
		List<ArrayNode> refused = answered.stream().filter((answer) -> answer.get(0).isObject()).toList();
		assertThat(refused).isNotEmpty()
			.allSatisfy((answer) -> assertThat(answer.toString())
				.isEqualTo("[{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"Too many events\"}}]"));
		int passed = FLOOD - refused.size();
		assertThat(passed).as("the burst, and the rate's tokens earned meanwhile").isGreaterThanOrEqualTo(BURST);
		assertThat(bystander.emitWithAck("echo", 7).join().get(0).asInt()).isEqualTo(7);
		assertThat(this.handled).as("only what passed reached the handler, and the bystander's event")
			.hasValue(passed + 1);
		assertThat(this.exceeded.seen).hasSize(refused.size() + 1).containsOnly(Limit.EVENTS_PER_SECOND);
		assertThat(server.server().defaultNamespace().sockets()).containsKeys(flooder.id(), bystander.id());
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void configuredToDisconnectTheSocketLeavesAsToldByTheServerWhileABystanderIsServed(ClientKind kind) {
		TestSocketIOServer server = start(EventRateAction.DISCONNECT);
		TestClient flooder = io.client(kind, server);
		String id = flooder.awaitConnect();
		TestClient bystander = io.client(kind, server);
		bystander.awaitConnect();

		for (int i = 0; i < FLOOD; i++) {
			flooder.emit("echo", i);
		}

		assertThat(flooder.awaitDisconnect()).as("as after socket.disconnect(): no reconnection")
			.isEqualTo("io server disconnect");
		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.TOO_MANY_EVENTS)
			.hasToString("too many events");
		assertThat(this.handled.get()).isGreaterThanOrEqualTo(BURST).isLessThan(FLOOD);
		assertThat(this.exceeded.seen).containsExactly(Limit.EVENTS_PER_SECOND);
		assertThat(bystander.emitWithAck(Duration.ofSeconds(20), "echo", 7).join().get(0).asInt()).isEqualTo(7);
		assertThat(server.server().defaultNamespace().sockets()).containsOnlyKeys(bystander.id());
	}

}

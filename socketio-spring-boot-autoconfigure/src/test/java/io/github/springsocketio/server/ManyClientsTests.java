package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent clients: 200 official JavaScript clients in one Node.js process (half on WebSocket, half on
 * polling) each join a room, get that room's broadcast only, and all answer one broadcast with acknowledgements.
 */
class ManyClientsTests {

	private static final int CLIENTS = 200;

	private static final int ROOMS = 10;

	/** Bounds the whole scenario on a loaded machine. */
	private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(90);

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	@Test
	void twoHundredClientsEachJoinARoomGetItsBroadcastAndAllAnswerABroadcastWithAcknowledgements() {
		TestSocketIOServer server = io.start((s) -> s.onConnection((socket) -> socket.on("join", (args, ack) -> {
			socket.join(args.text(0));
			ack.send(true);
		})));
		NodeProcess clients = io.register(NodeProcess.start("socketio-many-clients.mjs", server.url(),
				String.valueOf(CLIENTS), String.valueOf(SCENARIO_TIMEOUT.toMillis())));

		JsonNode ready = clients.lines()
			.next((line) -> List.of("ready", "timeout").contains(line.path("type").asString("")), SCENARIO_TIMEOUT,
					"every client joined");
		assertThat(ready.get("type").asString()).as("%s; errors: %s", ready, clients.lines().all()).isEqualTo("ready");
		Namespace main = server.server().defaultNamespace();
		assertThat(main.sockets()).hasSize(CLIENTS);
		IntStream.range(0, ROOMS)
			.forEach((room) -> assertThat(main.adapter().roomSize("room-" + room)).isEqualTo(CLIENTS / ROOMS));

		for (int room = 0; room < ROOMS; room++) {
			server.server().to("room-" + room).emit("news", "room-" + room);
		}
		List<JsonNode> answers = server.server().timeout(SCENARIO_TIMEOUT).emitWithAck("question", 7)
			.block(SCENARIO_TIMEOUT.plusSeconds(5));

		assertThat(answers).hasSize(CLIENTS).allSatisfy((answer) -> assertThat(answer.get("value").asInt()).isEqualTo(7));
		assertThat(answers.stream().map((answer) -> answer.get("index").asInt()))
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, CLIENTS).boxed().toList());
		clients.send("report");
		JsonNode news = clients.lines().next((line) -> line.path("type").asString("").equals("report"), Awaits.TIMEOUT,
				"report").get("news");
		for (int i = 0; i < CLIENTS; i++) {
			assertThat(news.get(i)).as("news of client %d", i).containsExactly(Json.tree("room-" + (i % ROOMS)));
		}
		assertThat(clients.lines().all((line) -> line.path("type").asString("").equals("error"))).isEmpty();
	}

}

package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static io.github.springsocketio.server.Json.array;
import static io.github.springsocketio.server.Json.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasting from the server: to a whole namespace, binary, {@code local}, {@code volatile} and {@code compress},
 * broadcasts with acknowledgements from every client, and events between server nodes. Runs on every backend: see
 * {@link #newBackend()}.
 */
abstract class BroadcastTests extends MultiNodeTests {

	private final ServerSockets sockets = new ServerSockets();

	private final List<String> serverSideCalls = new CopyOnWriteArrayList<>();

	private void start() {
		AtomicInteger nodeIndexes = new AtomicInteger();
		startNodes((server) -> {
			int index = nodeIndexes.getAndIncrement();
			server.onConnection(this.sockets).onConnection(MultiNodeTests::handlers);
			server.of("/other").onConnection(MultiNodeTests::handlers);
			server.defaultNamespace().onServerSideEmit("ping", (args, ack) -> {
				this.serverSideCalls.add("ping on node " + index + " " + args);
				ack.send("pong from node " + index);
			});
			server.defaultNamespace()
				.onServerSideEmit("note", (args, ack) -> this.serverSideCalls.add("note on node " + index));
		});
	}

	@Test
	void anEmitReachesEverySocketOfTheNamespaceOnEveryNodeAndNoOtherNamespace() {
		start();
		List<TestClient> clients = clients(3);
		TestClient other = client(3, "/other", Map.of());

		node(1).server().emit("news", "everyone", 42, Map.of("nested", List.of(true)));
		node(1).server().of("/other").emit("other fence");
		fence(clients);

		for (TestClient client : clients) {
			assertThat(client.events("news")).singleElement()
				.satisfies((news) -> assertThat(news.args())
					.isEqualTo(array("everyone", 42, Map.of("nested", List.of(true)))));
		}
		other.awaitEvent("other fence");
		assertThat(other.events("news")).isEmpty();
	}

	@Test
	void binaryInABroadcastReachesEveryClientAsBinary() {
		start();
		List<TestClient> clients = clients(4);
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}

		node(0).server().emit("binary", Map.of("bytes", all, "nested", List.of(bytes(1, 2, 3))), bytes());

		for (TestClient client : clients) {
			assertThat(client.awaitEvent("binary").args())
				.isEqualTo(array(Map.of("bytes", all, "nested", List.of(bytes(1, 2, 3))), bytes()));
		}
	}

	@Test
	void aLocalBroadcastStaysOnTheNodeItIsEmittedOn() {
		start();
		List<TestClient> clients = clients(4);

		node(0).server().local().emit("local news");
		node(0).server().to("nobody").local().emit("nobody");
		fence(clients);

		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i < clients.size(); i++) {
			expected.add((node(i) == node(0)) ? 1 : 0);
		}
		assertThat(clients.stream().map((client) -> client.events("local news").size()).toList()).isEqualTo(expected);
		assertThat(clients).allSatisfy((client) -> assertThat(client.events("nobody")).isEmpty());
	}

	@Test
	void volatileEventsAreDroppedForAClientThatCannotTakeThemNowAndSentToOthers() {
		start();
		TestClient webSocket = io.js(node(0), "/", ClientOptions.transports("websocket"));
		webSocket.awaitConnect();
		RawPollingClient notPolling = io.polling(node(0));
		notPolling.handshake();
		notPolling.post("40");
		SocketIOSocket idle = this.sockets.next();
		idle = idle.id().equals(webSocket.id()) ? this.sockets.next() : idle;

		node(0).server().asVolatile().emit("volatile", 1);
		idle.asVolatile().emit("volatile to the socket", 2);
		node(0).server().emit("regular", 3);

		assertThat(webSocket.awaitEvent("volatile").args()).isEqualTo(array(1));
		assertThat(webSocket.awaitEvent("regular").args()).isEqualTo(array(3));
		List<String> packets = new ArrayList<>();
		for (int i = 0; i < 5 && !packets.contains("42[\"regular\",3]"); i++) {
			packets.addAll(notPolling.poll());
		}
		assertThat(packets).hasSize(2).startsWith("40{\"sid\":\"" + idle.id() + "\"}").endsWith("42[\"regular\",3]");
	}

	@Test
	void theCompressionHintIsAcceptedAndChangesNothingForClients() {
		start();
		List<TestClient> clients = clients(2);

		node(0).server().compress(false).emit("uncompressed", "text");
		this.sockets.byId(clients.get(1).id()).compress(true).emit("hinted", "text");

		assertThat(clients.get(0).awaitEvent("uncompressed").args()).isEqualTo(array("text"));
		assertThat(clients.get(1).awaitEvent("uncompressed").args()).isEqualTo(array("text"));
		assertThat(clients.get(1).awaitEvent("hinted").args()).isEqualTo(array("text"));
	}

	@Test
	void aBroadcastOperatorIsImmutable() {
		start();
		List<TestClient> clients = clients(3);
		join(clients.get(0), "a");
		join(clients.get(1), "b");
		BroadcastOperator toA = node(0).server().to("a");

		toA.to("b");
		toA.except("a");
		toA.local();
		toA.emit("for a");
		fence(clients);

		assertThat(clients.stream().map((client) -> client.events("for a").size()).toList()).containsExactly(1, 0, 0);
	}

	@Test
	void aBroadcastWithAcknowledgementsGivesTheFirstArgumentOfEveryClientsAnswer() {
		start();
		List<TestClient> clients = clients(4);
		for (int i = 0; i < clients.size(); i++) {
			clients.get(i).answer("question", "answer " + i, "not collected");
		}

		List<JsonNode> answers = Awaits
			.result(node(1).server().timeout(Duration.ofSeconds(15)).emitWithAck("question", "q", bytes(1)));

		assertThat(answers).containsExactlyInAnyOrderElementsOf(array("answer 0", "answer 1", "answer 2", "answer 3"));
		for (TestClient client : clients) {
			TestClient.Received question = client.awaitEvent("question");
			assertThat(question.ackRequested()).isTrue();
			assertThat(question.args()).isEqualTo(array("q", bytes(1)));
		}
	}

	@Test
	void aBroadcastWithAcknowledgementsIsSentWhenSubscribedAndAgainOnEachSubscription() {
		start();
		List<TestClient> clients = clients(2);
		clients.forEach((client) -> client.answer("question", "yes"));

		Mono<List<JsonNode>> question = node(0).server().timeout(Duration.ofSeconds(15)).emitWithAck("question");
		fence(clients);
		assertThat(clients).as("before subscribing")
			.allSatisfy((client) -> assertThat(client.events("question")).isEmpty());

		assertThat(Awaits.result(question)).containsExactlyElementsOf(array("yes", "yes"));
		assertThat(Awaits.result(question)).hasSize(2);
		// a client's record of an event may come after its answer reached the server
		await().untilAsserted(
				() -> assertThat(clients).allSatisfy((client) -> assertThat(client.events("question")).hasSize(2)));
	}

	@Test
	void aBroadcastWithAcknowledgementsHonoursRoomsAndExclusions() {
		start();
		List<TestClient> clients = clients(4);
		join(clients.get(0), "a");
		join(clients.get(1), "a", "b");
		join(clients.get(3), "a");
		for (int i = 0; i < clients.size(); i++) {
			clients.get(i).answer("question", i);
		}

		List<JsonNode> answers = Awaits
			.result(node(0).server().to("a").except("b").timeout(Duration.ofSeconds(15)).emitWithAck("question"));

		assertThat(answers).containsExactlyInAnyOrderElementsOf(array(0, 3));
	}

	@Test
	void aBroadcastWithAcknowledgementsToNoSocketGivesAnEmptyList() {
		start();
		clients(2);

		assertThat(Awaits.result(node(0).server().to("nobody").timeout(Duration.ofSeconds(15)).emitWithAck("question")))
			.isEmpty();
	}

	@Test
	void aBroadcastWithAcknowledgementsTimesOutNamingHowManyAreMissingWithTheAnswersReceived() {
		start();
		List<TestClient> clients = clients(3);
		clients.get(0).answer("question", "from 0");
		clients.get(2).answer("question", "from 2");

		Throwable failure = Awaits.failure(node(0).server().timeout(Duration.ofSeconds(3)).emitWithAck("question"));

		assertThat(failure).isInstanceOf(AckTimeoutException.class)
			.hasMessage("operation has timed out: 1 of 3 acknowledgements missing");
		assertThat(((AckTimeoutException) failure).responses())
			.containsExactlyInAnyOrderElementsOf(array("from 0", "from 2"));
		assertThat(clients.get(1).awaitEvent("question").ackRequested()).isTrue();
	}

	@Test
	void aBroadcastWithAcknowledgementsNeedsATimeoutAndASingleNamespace() {
		List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
		startNodes((server) -> parents.add(server.of(Pattern.compile("^/dyn-\\d+$"))));

		assertThatIllegalStateException().isThrownBy(() -> node(0).server().to("room").emitWithAck("question"))
			.withMessageContaining("timeout");
		assertThatIllegalStateException()
			.isThrownBy(() -> parents.get(0).timeout(Duration.ofSeconds(1)).emitWithAck("question"))
			.withMessageContaining("parent namespace");
	}

	@Test
	void aServerSideEmitReachesTheListenersOfTheOtherNodesOnly() {
		start();

		List<JsonNode> answers = Awaits.result(node(0).server().serverSideEmitWithAck("ping", 1));
		node(0).server().serverSideEmit("note");

		assertThat(answers).hasSize(nodeCount() - 1)
			.allSatisfy((answer) -> assertThat(answer.asString()).startsWith("pong from node ")
				.isNotEqualTo("pong from node 0"));
		await().atMost(Awaits.TIMEOUT).until(() -> this.serverSideCalls.stream().filter((call) -> call.startsWith("note"))
			.count() == nodeCount() - 1);
		assertThat(this.serverSideCalls).noneMatch((call) -> call.contains("node 0"));
	}

	@Test
	void aServerSideEmitRefusesTheReservedNames() {
		start();

		for (String name : List.of("connect", "connection", "new_namespace")) {
			assertThatIllegalArgumentException().isThrownBy(() -> node(0).server().serverSideEmit(name));
			assertThatIllegalArgumentException().isThrownBy(() -> node(0).server().serverSideEmitWithAck(name));
		}
	}

}

package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.springsocketio.engine.EngineIoOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the multi-node suites share: the backend seam, nodes started with the same setup, and clients spread over the
 * nodes and over both client libraries (even indexes Java, odd ones JavaScript). Subclasses say only how servers
 * share state: {@link #newBackend()}.
 */
abstract class MultiNodeTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private ClusterBackend backend;

	private final List<TestSocketIOServer> nodes = new ArrayList<>();

	/** @return a new backend for one test, closed after the test's servers */
	protected abstract ClusterBackend newBackend();

	@BeforeEach
	void createBackend() {
		this.backend = io.register(newBackend());
	}

	/** Starts the backend's nodes, each with the same namespaces and handlers. */
	protected List<TestSocketIOServer> startNodes(Consumer<SocketIOServer> setup) {
		return startNodes(UnaryOperator.identity(), SocketIOOptions.defaults(), setup);
	}

	protected List<TestSocketIOServer> startNodes(UnaryOperator<EngineIoOptions.Builder> engine, SocketIOOptions options,
			Consumer<SocketIOServer> setup) {
		for (int i = 0; i < this.backend.nodes(); i++) {
			this.nodes.add(io.start(engine, options, this.backend.newNode(), setup));
		}
		this.backend.awaitReady(this.nodes.stream().map(TestSocketIOServer::server).toList());
		return List.copyOf(this.nodes);
	}

	/** @return the node a client of that index connects to */
	protected TestSocketIOServer node(int index) {
		return this.nodes.get(index % this.nodes.size());
	}

	protected int nodeCount() {
		return this.nodes.size();
	}

	/** Connects client {@code index} to its node, its library alternating with the index, and waits for it. */
	protected TestClient client(int index) {
		return client(index, "/", Map.of());
	}

	protected TestClient client(int index, String namespace, Map<String, String> auth) {
		ClientKind kind = (index % 2 == 0) ? ClientKind.JAVA : ClientKind.JAVASCRIPT;
		TestClient client = io.client(kind, node(index), namespace, ClientOptions.auth(auth));
		client.awaitConnect();
		return client;
	}

	/** Connects {@code count} clients, spread over the nodes. */
	protected List<TestClient> clients(int count) {
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(client(i));
		}
		return clients;
	}

	/**
	 * The events every suite's sockets answer: {@code join}/{@code leave} a room, list their {@code rooms}, send
	 * {@code to} a room or {@code broadcast} to every other socket (both leave the sender out).
	 */
	static void handlers(SocketIOSocket socket) {
		socket.on("join", (args, ack) -> {
			socket.join(args.text(0));
			ack.send(true);
		});
		socket.on("leave", (args, ack) -> {
			socket.leave(args.text(0));
			ack.send(true);
		});
		socket.on("rooms", (args, ack) -> ack.send(new TreeSet<>(socket.rooms())));
		socket.on("to", (args, ack) -> {
			socket.to(args.text(0)).emit("message", args.node(1));
			ack.send(true);
		});
		socket.on("broadcast", (args, ack) -> {
			socket.broadcast().emit("message", args.node(0));
			ack.send(true);
		});
	}

	/** Makes the client's socket join rooms, and waits until it did. */
	static void join(TestClient client, String... rooms) {
		for (String room : rooms) {
			assertThat(Awaits.result(client.emitWithAck("join", room))).isEqualTo(Json.array(true));
		}
	}

	/**
	 * Sends a last event to every socket of the namespace from every node and waits until each client has it: what
	 * was sent before it, from the same node, has arrived too.
	 */
	protected void fence(List<TestClient> clients) {
		for (TestSocketIOServer node : this.nodes) {
			node.server().emit("fence");
		}
		for (TestClient client : clients) {
			for (int i = 0; i < this.nodes.size(); i++) {
				client.awaitEvent("fence");
			}
		}
	}

}

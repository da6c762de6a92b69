package io.github.springsocketio.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The children of dynamic namespaces: removed once their last socket left (unless cleanup is off), kept while a
 * client is still being let in, and refused with {@code Invalid namespace} past the limit on their number.
 */
class DynamicNamespacesTests {

	private final ExceededLimits exceeded = new ExceededLimits();

	private SocketIOServer server;

	private ParentNamespace parent;

	private void start(SocketIOOptions options) {
		this.server = this.exceeded.server(options);
		this.parent = this.server.of(Pattern.compile("^/dyn-\\d+$"));
	}

	private void start(SocketIOLimits limits) {
		start(SocketIOOptions.defaults().withLimits(limits));
	}

	/** A connection that sent a CONNECT for the namespace. */
	private Connection connect(String id, String namespace, String auth) {
		LoopbackSession session = new LoopbackSession(id);
		Client client = session.client(this.server);
		client.onMessage(new EngineMessage(("0" + namespace + "," + auth).getBytes(StandardCharsets.UTF_8), false));
		return new Connection(session, client);
	}

	private Connection connect(String id, String namespace) {
		return connect(id, namespace, "");
	}

	private List<String> names() {
		return this.server.namespaces().stream().map(Namespace::name).toList();
	}

	private record Connection(LoopbackSession session, Client client) {

		void close() {
			this.client.onClose(CloseReason.TRANSPORT_CLOSE);
		}

		String lastWritten() {
			return this.session.written.get(this.session.written.size() - 1);
		}

	}

	@Test
	void twoThousandChildrenAreGoneOnceTheirSocketsLeft() {
		start(SocketIOLimits.defaults());
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			connections.add(connect("s" + i, "/dyn-" + i));
		}
		assertThat(connections).allSatisfy((connection) -> assertThat(connection.lastWritten()).contains("{\"sid\":"));
		assertThat(this.server.namespaces()).hasSize(2001);

		connections.forEach(Connection::close);

		assertThat(names()).containsExactly("/");
		assertThat(this.parent.children()).isEmpty();
		assertThat(this.server.namespaceRegistry().dynamic().size()).isZero();
	}

	@Test
	void aChildIsKeptWhileASocketIsInIt() {
		start(SocketIOLimits.defaults());
		Connection first = connect("s1", "/dyn-1");
		Connection second = connect("s2", "/dyn-1");
		Namespace child = this.server.of("/dyn-1");

		first.close();

		assertThat(this.server.of("/dyn-1")).isSameAs(child);
		second.close();
		assertThat(names()).doesNotContain("/dyn-1");
	}

	@Test
	void aChildIsKeptWhileAClientIsBeingLetIn() {
		start(SocketIOLimits.defaults());
		Sinks.Empty<Void> verdict = Sinks.empty();
		this.parent.use((socket) -> socket.handshake().auth().has("wait") ? verdict.asMono() : Mono.empty());
		Connection present = connect("s1", "/dyn-1");
		Connection waiting = connect("s2", "/dyn-1", "{\"wait\":true}");

		present.close();
		verdict.tryEmitEmpty();

		Namespace child = this.parent.children().iterator().next();
		assertThat(waiting.lastWritten()).startsWith("40/dyn-1,{\"sid\":");
		assertThat(child.sockets()).hasSize(1);
		assertThat(this.server.namespaces()).contains(child);
		waiting.close();
		assertThat(names()).doesNotContain("/dyn-1");
	}

	@Test
	void aClientRefusedByAMiddlewareHoldsTheChildNoLonger() {
		start(SocketIOLimits.defaults());
		this.parent.use((socket) -> Mono.error(new ConnectionRefusedException("no")));

		Connection refused = connect("s1", "/dyn-1");

		assertThat(refused.lastWritten()).isEqualTo("44/dyn-1,{\"message\":\"no\"}");
		assertThat(names()).doesNotContain("/dyn-1");
	}

	@Test
	void withCleanupOffChildrenStayAsInNode() {
		start(SocketIOLimits.builder().cleanupEmptyChildNamespaces(false).build());

		connect("s1", "/dyn-1").close();

		assertThat(names()).contains("/dyn-1");
	}

	@Test
	void withRecoveryAnEmptiedChildIsKeptForTheRecoveryWindowWhereItsAdapterKeepsTheSessions() {
		start(SocketIOOptions.defaults()
			.withRecovery(new ConnectionStateRecoveryOptions(Duration.ofMillis(300), true)));

		connect("s1", "/dyn-1").close();

		assertThat(names()).contains("/dyn-1");
		await().atMost(Awaits.TIMEOUT).until(() -> !names().contains("/dyn-1"));
	}

	@Test
	void pastTheLimitANewChildIsRefusedWithInvalidNamespaceAndTheConnectionStaysOpen() {
		start(SocketIOLimits.builder().dynamicNamespaces(2).build());
		connect("s1", "/dyn-1");
		Connection two = connect("s2", "/dyn-2");

		Connection refused = connect("s3", "/dyn-3");

		assertThat(refused.lastWritten()).isEqualTo("44/dyn-3,{\"message\":\"Invalid namespace\"}");
		assertThat(refused.session().isOpen()).isTrue();
		assertThat(this.exceeded.seen).containsExactly(Limit.DYNAMIC_NAMESPACES);
		assertThat(names()).doesNotContain("/dyn-3");
		assertThat(connect("s4", "/dyn-1").lastWritten()).as("an existing child").startsWith("40/dyn-1,{\"sid\":");
		two.close();
		assertThat(connect("s5", "/dyn-3").lastWritten()).as("once one was removed").startsWith("40/dyn-3,{\"sid\":");
	}

}

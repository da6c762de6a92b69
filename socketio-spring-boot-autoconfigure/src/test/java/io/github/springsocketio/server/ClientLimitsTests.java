package io.github.springsocketio.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.github.springsocketio.engine.EngineMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one connection may ask for: namespaces up to a number and a name length, each refused past its limit with
 * {@code Invalid namespace} on an open connection; event names and packets' JSON within their limits, or the
 * connection is closed as a parse error. Every refusal is observed by its limit.
 */
class ClientLimitsTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ExceededLimits exceeded = new ExceededLimits();

	private final ServerSockets sockets = new ServerSockets();

	private SocketIOServer server(SocketIOLimits limits) {
		SocketIOServer server = this.exceeded.server(limits);
		server.onConnection(this.sockets);
		return server;
	}

	private static void send(Client client, String packet) {
		client.onMessage(new EngineMessage(packet.getBytes(StandardCharsets.UTF_8), false));
	}

	private static String last(LoopbackSession session) {
		return session.written.get(session.written.size() - 1);
	}

	@Test
	void aConnectionJoinsNoMoreNamespacesThanItsLimit() {
		SocketIOServer server = server(SocketIOLimits.builder().namespacesPerConnection(2).build());
		server.of("/a");
		server.of("/b");
		LoopbackSession session = new LoopbackSession("s1");
		Client client = session.client(server);
		send(client, "0");
		send(client, "0/a,");

		send(client, "0/b,");

		assertThat(last(session)).isEqualTo("44/b,{\"message\":\"Invalid namespace\"}");
		assertThat(session.isOpen()).isTrue();
		assertThat(this.exceeded.seen).containsExactly(Limit.NAMESPACES_PER_CONNECTION);
		send(client, "1/a,");
		send(client, "0/b,");
		assertThat(last(session)).startsWith("40/b,{\"sid\":");
	}

	@Test
	void namespaceNamesPastTheLimitAreRefusedBeforeAnyMatcherReadsThemAndCreateNothing() {
		SocketIOServer server = server(SocketIOLimits.defaults());
		AtomicInteger matched = new AtomicInteger();
		server.of((name, auth) -> matched.incrementAndGet() > 0);
		int namespaces = server.namespaces().size();
		LoopbackSession session = new LoopbackSession("s1");
		Client client = session.client(server);

		for (int i = 0; i < 20; i++) {
			String name = "/" + i + "x".repeat(900_000);
			send(client, "0" + name + ",");
			assertThat(last(session)).isEqualTo("44" + name + ",{\"message\":\"Invalid namespace\"}");
		}

		assertThat(matched).hasValue(0);
		assertThat(server.namespaces()).hasSize(namespaces);
		assertThat(session.isOpen()).isTrue();
		assertThat(this.exceeded.seen).hasSize(20).containsOnly(Limit.NAMESPACE_NAME_LENGTH);
		send(client, "0/" + "x".repeat(255) + ",");
		assertThat(last(session)).as("at the limit").startsWith("40/" + "x".repeat(255) + ",{\"sid\":");
	}

	@Test
	void anEventNamePastTheLimitClosesTheConnectionAsAParseError() {
		SocketIOServer server = server(SocketIOLimits.builder().eventNameLength(10).build());
		List<String> received = new CopyOnWriteArrayList<>();
		server.onConnection((socket) -> socket.onAny((event, args) -> received.add(event)));
		LoopbackSession session = new LoopbackSession("s1");
		Client client = session.client(server);
		send(client, "0");
		SocketIOSocket socket = this.sockets.next();

		send(client, "2[\"0123456789\"]");
		send(client, "2[\"01234567890\"]");

		assertThat(received).containsExactly("0123456789");
		assertThat(this.sockets.awaitDisconnect(socket.id())).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(session.isOpen()).isFalse();
		assertThat(this.exceeded.seen).containsExactly(Limit.EVENT_NAME_LENGTH);
	}

	@Test
	void aPacketAnnouncingTooManyAttachmentsIsCounted() {
		SocketIOServer server = server(SocketIOLimits.defaults());
		LoopbackSession session = new LoopbackSession("s1");
		Client client = session.client(server);
		send(client, "0");

		send(client, "511-[\"message\"]");

		assertThat(session.isOpen()).isFalse();
		assertThat(this.exceeded.seen).containsExactly(Limit.ATTACHMENTS);
	}

	@Test
	void aPacketNested100000DeepClosesOnlyItsConnection() {
		TestSocketIOServer server = io.start((s) -> {
			s.observe(this.exceeded);
			s.onConnection(this.sockets)
				.onConnection((socket) -> socket.on("echo", (args, ack) -> ack.send(args.toArray())));
		});
		JsClient offender = io.js(server, "/", ClientOptions.defaults());
		String offenderId = offender.awaitConnect();
		TestClient bystander = io.client(ClientKind.JAVA, server);
		String bystanderId = bystander.awaitConnect();

		offender.sendRaw("2[\"echo\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]");

		assertThat(this.sockets.awaitDisconnect(offenderId)).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(offender.awaitDisconnect()).isEqualTo("transport close");
		assertThat(this.exceeded.seen).containsExactly(Limit.JSON_NESTING_DEPTH);
		assertThat(Awaits.result(bystander.emitWithAck("echo", "unaffected"))).isEqualTo(array("unaffected"));
		assertThat(server.server().defaultNamespace().sockets()).containsOnlyKeys(bystanderId);
	}

	@Test
	void aDynamicChildIsGoneOnceItsRealClientsLeft() {
		TestSocketIOServer server = io.start((s) -> s.of(Pattern.compile("^/dyn-\\d+$")));
		TestClient js = io.client(ClientKind.JAVASCRIPT, server, "/dyn-1", ClientOptions.defaults());
		TestClient java = io.client(ClientKind.JAVA, server, "/dyn-1", ClientOptions.defaults());
		js.awaitConnect();
		java.awaitConnect();

		js.disconnect();
		java.disconnect();

		await().atMost(Awaits.TIMEOUT)
			.until(() -> server.server().namespaces().stream().noneMatch((n) -> n.name().equals("/dyn-1")));
	}

}

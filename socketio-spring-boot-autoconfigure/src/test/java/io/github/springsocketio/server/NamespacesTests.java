package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Namespaces: static and dynamic ones, several on one connection, refusals that keep the connection, and the connect
 * timeout of a connection that joins none.
 */
class NamespacesTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	/** Answers "which" with the namespace's name. */
	private static void identify(SocketIOSocket socket) {
		socket.on("which", (args, ack) -> ack.send(socket.namespace().name(), socket.id()));
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aStaticNamespaceHasItsOwnHandlersAndSockets(ClientKind kind) {
		ServerSockets main = new ServerSockets();
		ServerSockets custom = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(main);
			s.of("custom").onConnection(custom).onConnection(NamespacesTests::identify);
		});

		TestClient client = io.client(kind, server, "/custom", ClientOptions.defaults());
		String id = client.awaitConnect();

		assertThat(Awaits.result(client.emitWithAck("which"))).isEqualTo(array("/custom", id));
		SocketIOSocket socket = custom.next();
		assertThat(socket.namespace()).isSameAs(server.server().of("/custom"));
		assertThat(server.server().of("/custom").sockets()).containsOnlyKeys(id);
		assertThat(server.server().defaultNamespace().sockets()).isEmpty();
		assertThat(main.count()).isZero();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aDynamicNamespaceMatchedByAPatternIsCreatedOnFirstConnectAndInheritsItsParent(ClientKind kind) {
		List<String> middlewareSaw = new CopyOnWriteArrayList<>();
		ServerSockets sockets = new ServerSockets();
		ParentNamespace[] parent = new ParentNamespace[1];
		TestSocketIOServer server = io.start((s) -> parent[0] = s.of(Pattern.compile("^/dyn-\\d+$"))
			.use((socket) -> {
				middlewareSaw.add(socket.namespace().name());
				return Mono.empty();
			})
			.onConnection(sockets)
			.onConnection(NamespacesTests::identify));
		assertThat(names(server)).doesNotContain("/dyn-42");

		TestClient first = io.client(kind, server, "/dyn-42", ClientOptions.defaults());
		String id = first.awaitConnect();
		io.client(kind, server, "/dyn-42", ClientOptions.defaults()).awaitConnect();
		io.client(kind, server, "/dyn-7", ClientOptions.defaults()).awaitConnect();

		assertThat(Awaits.result(first.emitWithAck("which"))).isEqualTo(array("/dyn-42", id));
		assertThat(names(server)).contains("/dyn-42", "/dyn-7");
		Namespace child = server.server().of("/dyn-42");
		assertThat(child.parent()).isSameAs(parent[0]);
		assertThat(parent[0].children()).extracting(Namespace::name).containsExactlyInAnyOrder("/dyn-42", "/dyn-7");
		assertThat(child.sockets()).hasSize(2).containsKey(id);
		assertThat(middlewareSaw).containsExactlyInAnyOrder("/dyn-42", "/dyn-42", "/dyn-7");
		await().atMost(Awaits.TIMEOUT).until(() -> sockets.count() == 3);
	}

	@Test
	void aPatternMatchesAnywhereInTheNameUnlessAnchored() {
		TestSocketIOServer server = io.start((s) -> s.of(Pattern.compile("room")));

		io.js(server, "/my-room-1", ClientOptions.defaults()).awaitConnect();

		assertThat(names(server)).contains("/my-room-1");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void aDynamicNamespaceMatchedByAPredicateSeesTheNameAndTheAuth(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> s.of((name, auth) -> name.startsWith("/team-")
				&& "yes".equals(auth.path("member").asString(""))));

		TestClient member = io.client(kind, server, "/team-blue", ClientOptions.auth(Map.of("member", "yes")));
		TestClient stranger = io.client(kind, server, "/team-red", ClientOptions.auth(Map.of("member", "no")));

		member.awaitConnect();
		assertThat(stranger.awaitConnectError().get("message").asString()).isEqualTo("Invalid namespace");
		assertThat(names(server)).contains("/team-blue").doesNotContain("/team-red");
	}

	@Test
	void aChildRunsItsParentsMiddlewaresAndHandlersBeforeItsOwn() {
		List<String> calls = new CopyOnWriteArrayList<>();
		TestSocketIOServer server = io.start((s) -> s.of(Pattern.compile("^/dyn-\\d+$")).use((socket) -> {
			calls.add("parent middleware");
			return Mono.empty();
		}).onConnection((socket) -> calls.add("parent handler")));
		io.js(server, "/dyn-1", ClientOptions.defaults()).awaitConnect();
		Namespace child = server.server().of("/dyn-1");
		child.use((socket) -> {
			calls.add("child middleware");
			return Mono.empty();
		}).onConnection((socket) -> calls.add("child handler"));
		calls.clear();

		io.js(server, "/dyn-1", ClientOptions.defaults()).awaitConnect();

		await().atMost(Awaits.TIMEOUT).until(() -> calls.size() == 4);
		assertThat(calls).containsExactly("parent middleware", "child middleware", "parent handler", "child handler");
	}

	@Test
	void aBroadcastOnAParentReachesTheSocketsOfEveryChild() {
		ParentNamespace[] parent = new ParentNamespace[1];
		TestSocketIOServer server = io.start((s) -> parent[0] = s.of(Pattern.compile("^/dyn-\\d+$")));
		TestClient one = io.client(ClientKind.JAVASCRIPT, server, "/dyn-1", ClientOptions.defaults());
		TestClient two = io.client(ClientKind.JAVA, server, "/dyn-2", ClientOptions.defaults());
		TestClient main = io.client(ClientKind.JAVASCRIPT, server, "/", ClientOptions.defaults());
		one.awaitConnect();
		two.awaitConnect();
		main.awaitConnect();

		parent[0].emit("news", "for every child");
		server.server().emit("fence");

		assertThat(one.awaitEvent("news").args()).isEqualTo(array("for every child"));
		assertThat(two.awaitEvent("news").args()).isEqualTo(array("for every child"));
		main.awaitEvent("fence");
		assertThat(main.events("news")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void anUnknownNamespaceIsRefusedAndTheConnectionKept(ClientKind kind) {
		TestSocketIOServer server = io.start((s) -> s.onConnection(NamespacesTests::identify));
		TestClient client = io.client(kind, server);
		String id = client.awaitConnect();

		TestClient unknown = client.socket("/random", ClientOptions.defaults());

		assertThat(unknown.awaitConnectError()).isEqualTo(Json.parse("{\"message\":\"Invalid namespace\"}"));
		assertThat(Awaits.result(client.emitWithAck("which"))).isEqualTo(array("/", id));
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
		assertThat(names(server)).doesNotContain("/random");
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void severalNamespacesShareOneConnectionEachWithItsOwnSocket(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(sockets).onConnection(NamespacesTests::identify);
			s.of("/a").onConnection(sockets).onConnection(NamespacesTests::identify);
			s.of("/b").onConnection(sockets).onConnection(NamespacesTests::identify);
		});
		TestClient main = io.client(kind, server);
		String mainId = main.awaitConnect();

		TestClient a = main.socket("/a", ClientOptions.defaults());
		TestClient b = main.socket("/b", ClientOptions.defaults());
		String aId = a.awaitConnect();
		String bId = b.awaitConnect();

		assertThat(List.of(mainId, aId, bId)).doesNotHaveDuplicates();
		assertThat(Awaits.result(a.emitWithAck("which"))).isEqualTo(array("/a", aId));
		assertThat(Awaits.result(b.emitWithAck("which"))).isEqualTo(array("/b", bId));
		assertThat(Awaits.result(main.emitWithAck("which"))).isEqualTo(array("/", mainId));
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
		String session = sockets.byId(mainId).client.session.id();
		assertThat(sockets.byId(aId).client.session.id()).isEqualTo(session);
		assertThat(sockets.byId(bId).client.session.id()).isEqualTo(session);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void leavingOneNamespaceKeepsTheOthersOnTheConnection(ClientKind kind) {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(sockets).onConnection(NamespacesTests::identify);
			s.of("/a").onConnection(sockets);
		});
		TestClient main = io.client(kind, server);
		String mainId = main.awaitConnect();
		TestClient a = main.socket("/a", ClientOptions.defaults());
		String aId = a.awaitConnect();

		a.disconnect();

		assertThat(sockets.awaitDisconnect(aId)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(Awaits.result(main.emitWithAck("which"))).isEqualTo(array("/", mainId));
		assertThat(server.server().of("/a").sockets()).isEmpty();
		assertThat(sockets.byId(mainId).connected()).isTrue();
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
	}

	@Test
	void aClientCanJoinANamespaceAgainOnTheSameConnection() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(sockets);
			s.of("/a").onConnection(sockets);
		});
		JsClient main = io.js(server, "/", ClientOptions.defaults());
		main.awaitConnect();
		JsClient a = (JsClient) main.socket("/a", ClientOptions.defaults());
		String first = a.awaitConnect();
		a.disconnect();
		sockets.awaitDisconnect(first);

		a.reconnect();

		String second = a.awaitConnect();
		assertThat(second).isNotEqualTo(first);
		assertThat(server.server().of("/a").sockets()).containsOnlyKeys(second);
		assertThat(server.server().engine().sessionCount()).isEqualTo(1);
	}

	@Test
	void aConnectionThatJoinsNoNamespaceInTimeIsClosedAndOthersAreKept() {
		TestSocketIOServer server = io.start((engine) -> engine,
				SocketIOOptions.defaults().withConnectTimeout(Duration.ofMillis(300)),
				(s) -> s.onConnection(NamespacesTests::identify));
		TestClient joined = io.client(ClientKind.JAVASCRIPT, server);
		String id = joined.awaitConnect();

		JsClient idle = io.driver().manager(server.url(), ClientOptions.defaults());

		idle.awaitLine("open");
		assertThat(idle.awaitLine("close").get("reason").asString()).isEqualTo("transport close");
		assertThat(Awaits.result(joined.emitWithAck("which"))).isEqualTo(array("/", id));
		await().atMost(Awaits.TIMEOUT).until(() -> server.server().engine().sessionCount() == 1);
	}

	@Test
	void aRefusedConnectDoesNotCountAsJoiningForTheConnectTimeout() {
		TestSocketIOServer server = io.start((engine) -> engine,
				SocketIOOptions.defaults().withConnectTimeout(Duration.ofMillis(300)), (s) -> {
				});
		RawPollingClient client = io.polling(server);
		client.handshake();

		client.post("40/unknown,");

		assertThat(client.poll()).containsExactly("44/unknown,{\"message\":\"Invalid namespace\"}");
		assertThat(client.poll()).as("closed by the server once the connect timeout passed").containsExactly("1");
		await().atMost(Awaits.TIMEOUT).until(() -> server.server().engine().sessionCount() == 0);
	}

	@Test
	void aSecondConnectToAJoinedNamespaceClosesTheConnection() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		String id = client.awaitConnect();

		client.sendRaw("0");

		assertThat(sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(client.awaitDisconnect()).isEqualTo("transport close");
	}

	@Test
	void aConnectRepeatedWhileTheFirstIsPendingIsIgnored() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.use((socket) -> Mono.delay(Duration.ofMillis(200)).then())
			.onConnection(sockets));
		RawPollingClient client = io.polling(server);
		client.handshake();

		client.post("40", "40");

		assertThat(client.poll()).singleElement().asString().startsWith("40{\"sid\":");
		SocketIOSocket socket = sockets.next();
		socket.on("still here", (args, ack) -> ack.send());
		client.post("421[\"still here\"]");
		assertThat(client.poll()).containsExactly("431[]");
		assertThat(sockets.count()).isOne();
		assertThat(socket.connected()).isTrue();
	}

	@Test
	void aPacketForANamespaceNotJoinedClosesTheConnection() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(sockets);
			s.of("/other");
		});
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		String id = client.awaitConnect();

		client.sendRaw("2/other,[\"hello\"]");

		assertThat(sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(client.awaitDisconnect()).isEqualTo("transport close");
	}

	@Test
	void whatAClientSentToANamespaceTheServerJustLeftIsDroppedAndTheConnectionStays() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> {
			s.onConnection(sockets);
			s.of("/other").onConnection((socket) -> socket.on("ping", (args, ack) -> ack.send("pong")));
		});
		RawPollingClient client = io.polling(server);
		client.handshake();
		client.post("40", "40/other,");
		assertThat(client.poll()).hasSize(2);
		sockets.next().disconnect();
		assertThat(client.poll()).containsExactly("41");

		// sent before the client read its DISCONNECT: Node.js would close the whole connection, /other included
		client.post("42[\"late\"]");
		client.post("42/other,1[\"ping\"]");

		assertThat(client.poll()).containsExactly("43/other,1[\"pong\"]");
	}

	@Test
	void aClientMayNotSendAConnectError() {
		ServerSockets sockets = new ServerSockets();
		TestSocketIOServer server = io.start((s) -> s.onConnection(sockets));
		JsClient client = io.js(server, "/", ClientOptions.defaults());
		String id = client.awaitConnect();

		client.sendRaw("4{\"message\":\"from a client\"}");

		assertThat(sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.PARSE_ERROR);
	}

	private static List<String> names(TestSocketIOServer server) {
		return server.server().namespaces().stream().map(Namespace::name).toList();
	}

}
